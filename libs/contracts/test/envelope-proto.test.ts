import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import t from "tap";
import { EVENT_CATALOG } from "../src/catalog.ts";
import { createEnvelope, parseEnvelope } from "../src/envelope.ts";
import { CloudEventEnvelopeSchema } from "../src/gen/tpx/events/v1/envelope_pb.ts";
import { readFixtureText } from "./helpers/fixtures.ts";

const TRACE = {
  traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
  tracestate: "tpx=1",
};

t.test("the proto CloudEventEnvelope documents the envelope code", async (t) => {
  t.test("has exactly the fields a fully populated envelope has", async (t) => {
    const envelope = {
      ...createEnvelope({ source: "tpx/survey", type: "response.recorded", dataschema: "x", data: {}, subject: "p" }),
      ...TRACE,
    };
    t.same(Object.keys(envelope).sort(), CloudEventEnvelopeSchema.fields.map((field) => field.jsonName).sort());
  });

  t.test("reads what createEnvelope writes", async (t) => {
    const envelope = createEnvelope({
      source: "tpx/scoring",
      type: "pcr.updated",
      dataschema: "tpx.events.v1.PcrUpdated",
      data: { partnerId: "p-1", score: 71.25 },
      time: new Date("2026-10-01T09:00:00.123Z"),
    });
    const wire = JSON.parse(JSON.stringify({ ...envelope, ...TRACE })) as JsonValue;
    const proto = fromJson(CloudEventEnvelopeSchema, wire);
    t.equal(proto.id, envelope.id);
    t.equal(proto.subject, undefined, "subject stays optional");
    t.equal(proto.time?.nanos, 123_000_000);
    t.same(proto.data?.kind, {
      case: "structValue",
      value: {
        $typeName: "google.protobuf.Struct",
        fields: {
          partnerId: { $typeName: "google.protobuf.Value", kind: { case: "stringValue", value: "p-1" } },
          score: { $typeName: "google.protobuf.Value", kind: { case: "numberValue", value: 71.25 } },
        },
      },
    });
  });

  t.test("reads every fixture", async (t) => {
    for (const contract of EVENT_CATALOG) {
      const text = readFixtureText(contract);
      t.doesNotThrow(() => fromJson(CloudEventEnvelopeSchema, JSON.parse(text)), contract.type);
      t.equal(parseEnvelope(text).type, contract.type);
    }
  });
});
