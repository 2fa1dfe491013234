// Migrations and schema.prisma must describe the same database: someone who edits schema.prisma without writing a
// migration (npm run migration:new) breaks the services at deploy time, so this test breaks first. Two independent
// checks per service:
//  1. Prisma's own differ (`migrate diff --from-migrations --to-schema`, run through the WebAssembly engine) finds
//     nothing to change;
//  2. the database our runner builds from the migrations has the same catalog as one built from the from-empty SQL
//     of schema.prisma (tables, columns, types, nullability, defaults, indexes, constraints, foreign keys, enums).
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TeardownRegistry, testDatabaseAdminUrl } from "@tpx/testing";
import t from "tap";
import { diffEmptyToSchema, diffMigrationsToSchema } from "../src/schema-diff/index.ts";
import { dumpCatalog, runScript } from "./helpers/catalog.ts";
import { servicesWithSchema } from "./helpers/services.ts";

const adminUrl = testDatabaseAdminUrl();

interface DriftReport {
  pendingSql: string | null;
  fromMigrations: Awaited<ReturnType<typeof dumpCatalog>>;
  fromSchema: Awaited<ReturnType<typeof dumpCatalog>>;
}

async function driftReport(
  t: TeardownRegistry,
  label: string,
  schemaPath: string,
  migrationsDir: string,
): Promise<DriftReport> {
  const pendingSql = await diffMigrationsToSchema({ schemaPath, migrationsDir, adminUrl });
  const migrated = await createTestDatabase(t, { name: `${label}_migrations`, migrationsDir });
  const fromSchemaDb = await createTestDatabase(t, { name: `${label}_schema` });
  await runScript(fromSchemaDb.url, await diffEmptyToSchema({ schemaPath, adminUrl }));
  return {
    pendingSql,
    fromMigrations: await dumpCatalog(migrated.url),
    fromSchema: await dumpCatalog(fromSchemaDb.url),
  };
}

/** Runs at most `limit` of the jobs at a time: most of the wait is PostgreSQL creating databases, not this process. */
function limited<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T>[] {
  let running = 0;
  const queue: (() => void)[] = [];
  return jobs.map(async (job) => {
    if (running >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      queue.shift()?.();
    }
  });
}

const services = servicesWithSchema();
// Started together up front; their databases are dropped when the file's tests end.
const reports = limited(
  services.map((service) => () => driftReport(t, service.name, service.schemaPath, service.migrationsDir)),
  3,
);
// Every report is awaited by a subtest below; this keeps an early rejection from counting as unhandled meanwhile.
for (const report of reports) report.catch(() => {});

services.forEach((service, index) => {
  t.test(`${service.name}: migrations produce exactly schema.prisma`, async (t) => {
    const report = await reports[index]!;
    t.equal(report.pendingSql, null, "Prisma's differ finds no change between the migrations and schema.prisma");
    t.ok(report.fromMigrations.columns.length > 0, "the migrations create tables");
    t.same(report.fromMigrations, report.fromSchema, "same catalog from the migrations as from schema.prisma");
  });
});

t.test("an edit to schema.prisma without a migration is caught (temp copy)", async (t) => {
  const [service] = servicesWithSchema();
  const dir = await mkdtemp(path.join(tmpdir(), "tpx-drift-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await cp(path.dirname(service!.schemaPath), dir, { recursive: true });
  const schemaPath = path.join(dir, "schema.prisma");
  const schema = await readFile(schemaPath, "utf8");
  const edited = schema.replace(
    '  lastError String?   @map("last_error")\n',
    '  lastError String?   @map("last_error")\n  priority  Int       @default(0)\n',
  );
  t.not(edited, schema, "the copy was edited");
  await writeFile(schemaPath, edited);

  const report = await driftReport(t, "drift_negative", schemaPath, path.join(dir, "migrations"));
  t.match(report.pendingSql ?? "", /ALTER TABLE "outbox_event" ADD COLUMN\s+"priority" INTEGER NOT NULL DEFAULT 0/);
  t.notSame(report.fromMigrations, report.fromSchema, "the catalogs differ");
  t.ok(
    report.fromSchema.columns.some((line) => line.startsWith("outbox_event | priority | integer")),
    "the schema side has the new column",
  );
  t.notOk(
    report.fromMigrations.columns.some((line) => line.includes("| priority |")),
    "the migrations do not",
  );
});
