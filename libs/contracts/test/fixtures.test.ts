import { equals } from "@bufbuild/protobuf";
import t from "tap";
import { EVENT_CATALOG } from "../src/catalog.ts";
import { fixtureData, fixtureFileName, fixtureFileNames, loadFixture } from "./helpers/fixtures.ts";

t.test("frozen fixtures", async (t) => {
  t.test("every event version in the catalog has a fixture, and every fixture an event", async (t) => {
    const expected = EVENT_CATALOG.map(fixtureFileName).sort();
    t.same(fixtureFileNames().sort(), expected);
  });

  for (const contract of EVENT_CATALOG) {
    t.test(`${fixtureFileName(contract)} still decodes`, async (t) => {
      const envelope = loadFixture(contract);
      t.equal(envelope.type, contract.type, "envelope type");
      t.equal(envelope.dataschema, contract.dataschema, "envelope dataschema");
      t.equal(envelope.source, `tpx/${contract.producer}`, "envelope source names the producer");
      const data = contract.decode(envelope.data);
      t.equal(data.$typeName, contract.dataschema);
    });

    t.test(`${contract.type}.v${contract.version} round-trips through JSON`, async (t) => {
      const decoded = contract.decode(fixtureData(contract));
      const wire = JSON.parse(JSON.stringify(contract.encode(decoded)));
      const again = contract.decode(wire);
      t.ok(equals(contract.schema, decoded, again), "decode(encode(x)) equals x");
      t.same(contract.encode(again), wire, "encoding is stable");
    });
  }
});
