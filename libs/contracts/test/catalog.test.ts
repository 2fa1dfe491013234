import type { DescFile } from "@bufbuild/protobuf";
import t from "tap";
import { contractFor, EVENT_CATALOG } from "../src/catalog.ts";
import { file_tpx_events_v1_envelope } from "../src/gen/tpx/events/v1/envelope_pb.ts";
import { file_tpx_events_v1_gateway } from "../src/gen/tpx/events/v1/gateway_pb.ts";
import { file_tpx_events_v1_matching } from "../src/gen/tpx/events/v1/matching_pb.ts";
import { file_tpx_events_v1_notification } from "../src/gen/tpx/events/v1/notification_pb.ts";
import { file_tpx_events_v1_partner } from "../src/gen/tpx/events/v1/partner_pb.ts";
import { file_tpx_events_v1_scoring } from "../src/gen/tpx/events/v1/scoring_pb.ts";
import { file_tpx_events_v1_survey } from "../src/gen/tpx/events/v1/survey_pb.ts";
import { SERVICE_NAMES } from "../src/services.ts";
import { STREAM_DOMAINS, streamSubjects, subjectFor } from "../src/subjects.ts";

/** Domains a stream already captures but no event uses yet (matching will publish contractor events later). */
const DOMAINS_WITHOUT_EVENTS_YET = ["contractor"];

const EVENT_FILES: DescFile[] = [
  file_tpx_events_v1_gateway,
  file_tpx_events_v1_partner,
  file_tpx_events_v1_survey,
  file_tpx_events_v1_scoring,
  file_tpx_events_v1_matching,
  file_tpx_events_v1_notification,
];

t.test("event catalog", async (t) => {
  t.test("each event's first token is a domain of its producer, so it lands in the producer's stream", async (t) => {
    for (const contract of EVENT_CATALOG) {
      const domain = contract.type.split(".")[0] ?? "";
      t.ok(STREAM_DOMAINS[contract.producer].includes(domain), `${contract.type} belongs to ${contract.producer}`);
      const subject = subjectFor("tpx", contract.type, contract.version);
      const capturedBy = SERVICE_NAMES.filter((producer) =>
        streamSubjects("tpx", producer).some((pattern) => subject.startsWith(pattern.slice(0, -1))),
      );
      t.same(capturedBy, [contract.producer], `${subject} is captured by exactly one stream`);
    }
  });

  t.test("every stream domain carries events", async (t) => {
    const used = new Set(EVENT_CATALOG.map((contract) => contract.type.split(".")[0]));
    const unused = Object.values(STREAM_DOMAINS)
      .flat()
      .filter((domain) => !used.has(domain));
    t.same(unused, DOMAINS_WITHOUT_EVENTS_YET);
    for (const producer of SERVICE_NAMES) {
      t.ok(
        EVENT_CATALOG.some((contract) => contract.producer === producer),
        `${producer} publishes at least one event`,
      );
    }
  });

  t.test("names are well formed and unique", async (t) => {
    const keys = EVENT_CATALOG.map((contract) => `${contract.type}.v${contract.version}`);
    t.equal(new Set(keys).size, keys.length, "type and version pairs are unique");
    const schemas = EVENT_CATALOG.map((contract) => contract.dataschema);
    t.equal(new Set(schemas).size, schemas.length, "each payload message serves one event version");
    for (const contract of EVENT_CATALOG) {
      t.match(contract.type, /^[a-z]+(\.[a-z_]+)+$/, `${contract.type} type`);
      t.ok(Number.isInteger(contract.version) && contract.version >= 1, `${contract.type} version`);
      t.equal(contract.dataschema, contract.schema.typeName, `${contract.type} dataschema is the proto name`);
      t.match(contract.dataschema, /^tpx\.events\.v\d+\.[A-Z]\w+$/);
      t.ok(contract.description.length > 10, `${contract.type} is described`);
    }
  });

  t.test("every top-level payload message in the protos has a contract", async (t) => {
    const nested = new Set(
      EVENT_FILES.flatMap((file) => file.messages)
        .flatMap((message) => message.fields)
        .flatMap((field) => (field.message ? [field.message.typeName] : [])),
    );
    const payloads = EVENT_FILES.flatMap((file) => file.messages)
      .map((message) => message.typeName)
      .filter((name) => !nested.has(name));
    t.same(payloads.sort(), EVENT_CATALOG.map((contract) => contract.dataschema).sort());
    t.equal(file_tpx_events_v1_envelope.messages[0]?.typeName, "tpx.events.v1.CloudEventEnvelope");
  });

  t.test("contractFor finds a contract by type and version", async (t) => {
    for (const contract of EVENT_CATALOG) t.equal(contractFor(contract.type, contract.version), contract);
    t.equal(contractFor("pcr.updated", 2), undefined);
    t.equal(contractFor("pcr.deleted", 1), undefined);
  });

  t.test("the catalog and its contracts cannot be changed at run time", async (t) => {
    t.ok(Object.isFrozen(EVENT_CATALOG));
    t.ok(EVENT_CATALOG.every((contract) => Object.isFrozen(contract)));
  });
});
