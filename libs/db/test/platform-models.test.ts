import { readFileSync } from "node:fs";
import path from "node:path";
import t from "tap";
import { repoRoot, servicesWithSchema } from "./helpers/services.ts";

const START = "// <platform-models>";
const END = "// </platform-models>";

/** The text from the start marker's line to the end marker, inclusive; null when the markers are missing. */
function platformBlock(schema: string): string | null {
  const start = schema.indexOf(START);
  const end = schema.indexOf(END);
  if (start < 0 || end < start) return null;
  return schema.slice(start, end + END.length);
}

const canonical = platformBlock(readFileSync(path.join(repoRoot, "libs/db/prisma/platform.prisma"), "utf8"));

t.test("platform.prisma holds the marked block", async (t) => {
  t.ok(canonical, "libs/db/prisma/platform.prisma has the <platform-models> markers");
  t.match(canonical ?? "", /model OutboxEvent[\s\S]*model ProcessedEvent[\s\S]*model DeadLetter/);
});

const services = servicesWithSchema();
t.equal(services.length, 6, "six services own a schema.prisma");

for (const service of services) {
  t.test(`${service.name}: schema.prisma carries platform.prisma's block unchanged`, async (t) => {
    const schema = readFileSync(service.schemaPath, "utf8");
    t.equal(schema.split(START).length - 1, 1, "exactly one start marker");
    t.equal(schema.split(END).length - 1, 1, "exactly one end marker");
    t.equal(platformBlock(schema), canonical, "the block between the markers equals libs/db/prisma/platform.prisma");
  });
}

t.test("the comparison notices an edited copy", async (t) => {
  const [first] = services;
  const schema = readFileSync(first!.schemaPath, "utf8").replace("attempts  Int       @default(0)", "attempts  Int");
  t.not(platformBlock(schema), canonical);
});
