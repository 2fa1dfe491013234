// The only entry point of @tpx/contracts.

// Payload timestamps are google.protobuf.Timestamp messages; producers and consumers convert with these.
export { timestampDate, timestampFromDate, timestampMs, timestampNow } from "@bufbuild/protobuf/wkt";
export * from "./catalog.ts";
export * from "./contract.ts";
export * from "./envelope.ts";
export {
  defineEvent,
  type EventDefinition,
  EventPayloadError,
  type ProtoEventContract,
} from "./events/define-event.ts";
export * from "./events/index.ts";
export { PayloadCheck } from "./events/payload-check.ts";
export * from "./gen/tpx/events/v1/common_pb.ts";
export * from "./gen/tpx/events/v1/envelope_pb.ts";
export * from "./gen/tpx/events/v1/gateway_pb.ts";
export * from "./gen/tpx/events/v1/matching_pb.ts";
export * from "./gen/tpx/events/v1/notification_pb.ts";
export * from "./gen/tpx/events/v1/partner_pb.ts";
export * from "./gen/tpx/events/v1/scoring_pb.ts";
export * from "./gen/tpx/events/v1/survey_pb.ts";
export * from "./reference/regions.ts";
export * from "./services.ts";
export * from "./subjects.ts";
