import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import t from "tap";
import { EVENT_CATALOG } from "../src/catalog.ts";
import { changed, decodeError, REMOVE } from "./helpers/mutate.ts";

/** Top-level ids every payload must carry: implicit-presence strings named `*_id` (optional ids excluded). */
function requiredIdFields(schema: DescMessage): DescField[] {
  return schema.fields.filter(
    (field) =>
      field.fieldKind === "scalar" &&
      field.scalar === ScalarType.STRING &&
      field.name.endsWith("_id") &&
      field.presence === 2, // FeatureSet.FieldPresence.IMPLICIT
  );
}

t.test("decode rejects malformed payloads with EventDecodeError", async (t) => {
  for (const contract of EVENT_CATALOG) {
    t.test(`${contract.type}.v${contract.version}`, async (t) => {
      for (const notAnObject of [null, [], "data", 42, undefined]) {
        t.throws(() => contract.decode(notAnObject), decodeError(/data must be a JSON object/), `${notAnObject}`);
      }
      t.throws(
        () => contract.decode(changed(contract, { surprise: true })),
        decodeError(/key "surprise" is unknown/),
        "unknown field",
      );

      const ids = requiredIdFields(contract.schema);
      t.ok(ids.length > 0, "has required ids");
      for (const field of ids) {
        t.throws(
          () => contract.decode(changed(contract, { [field.jsonName]: REMOVE })),
          decodeError(new RegExp(`${field.jsonName} is required`)),
          `missing ${field.jsonName}`,
        );
        t.throws(
          () => contract.decode(changed(contract, { [field.jsonName]: "  " })),
          decodeError(new RegExp(`${field.jsonName} is required`)),
          `blank ${field.jsonName}`,
        );
        t.throws(
          () => contract.decode(changed(contract, { [field.jsonName]: 42 })),
          decodeError(/expected string/),
          `${field.jsonName} of the wrong type`,
        );
      }

      for (const field of contract.schema.fields.filter((f) => f.fieldKind === "enum")) {
        t.throws(
          () => contract.decode(changed(contract, { [field.jsonName]: "NOT_A_VALUE" })),
          decodeError(/cannot decode enum/),
          `${field.jsonName} with an unknown name`,
        );
        t.throws(
          () => contract.decode(changed(contract, { [field.jsonName]: 99 })),
          decodeError(new RegExp(`${field.jsonName} has unknown value 99`)),
          `${field.jsonName} with an unknown number`,
        );
      }

      const timestamps = contract.schema.fields.filter((f) => f.message?.typeName === "google.protobuf.Timestamp");
      t.ok(timestamps.length > 0, "has a timestamp");
      for (const field of timestamps) {
        t.throws(
          () => contract.decode(changed(contract, { [field.jsonName]: "yesterday" })),
          decodeError(/cannot decode/),
          `${field.jsonName} not RFC 3339`,
        );
      }
    });
  }
});

t.test("encode refuses an invalid payload with EventPayloadError", async (t) => {
  for (const contract of EVENT_CATALOG) {
    t.throws(
      () => contract.encode(contract.create({})),
      { name: "EventPayloadError", message: new RegExp(`^${contract.type}\\.v${contract.version}: `) },
      `${contract.type}.v${contract.version}`,
    );
  }
});
