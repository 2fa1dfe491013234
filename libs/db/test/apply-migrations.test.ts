import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TeardownRegistry } from "@tpx/testing";
import pg from "pg";
import t from "tap";
import {
  applyMigrations,
  MigrationChecksumMismatchError,
  MigrationFailedError,
  migrationChecksum,
  PRISMA_MIGRATE_LOCK_KEY,
  UnfinishedMigrationError,
} from "../src/index.ts";

/** A scratch Prisma migrations directory the test can write migrations into. */
async function migrationsDir(
  t: TeardownRegistry,
): Promise<{ dir: string; write(name: string, sql: string): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "tpx-migrations-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  return {
    dir,
    async write(name, sql) {
      await mkdir(path.join(dir, name), { recursive: true });
      await writeFile(path.join(dir, name, "migration.sql"), sql);
    },
  };
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

t.test("applies pending migrations in folder order, once, with Prisma's history rows", async (t) => {
  const { url } = await createTestDatabase(t, { name: "apply" });
  const migrations = await migrationsDir(t);
  // Written out of order on purpose: the folder name decides, and the second depends on the first.
  await migrations.write("20250102000000_add_note", 'ALTER TABLE "item" ADD COLUMN "note" TEXT;');
  await migrations.write(
    "20250101000000_init",
    'CREATE TABLE "item" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "item" VALUES (1);',
  );

  const first = await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir });
  t.same(first.applied, ["20250101000000_init", "20250102000000_add_note"]);
  const second = await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir });
  t.same(second.applied, [], "a second run finds nothing to do");

  const rows = await query<{
    migration_name: string;
    checksum: string;
    finished: boolean;
    rolled_back_at: null;
    applied_steps_count: number;
    id: string;
  }>(
    url,
    `SELECT id, migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at, applied_steps_count
       FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  t.same(
    rows.map((row) => [row.migration_name, row.finished, row.rolled_back_at, row.applied_steps_count]),
    [
      ["20250101000000_init", true, null, 1],
      ["20250102000000_add_note", true, null, 1],
    ],
  );
  t.equal(
    rows[0]!.checksum,
    migrationChecksum('CREATE TABLE "item" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "item" VALUES (1);'),
  );
  t.match(rows[0]!.checksum, /^[0-9a-f]{64}$/, "lowercase hex sha256");
  t.match(rows[0]!.id, /^[0-9a-f-]{36}$/);

  const table = await query<{
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
    character_maximum_length: number | null;
  }>(
    url,
    `SELECT column_name, data_type, is_nullable, column_default, character_maximum_length
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
  );
  t.same(
    table.map((c) => [c.column_name, c.data_type, c.is_nullable, c.column_default, c.character_maximum_length]),
    [
      ["id", "character varying", "NO", null, 36],
      ["checksum", "character varying", "NO", null, 64],
      ["finished_at", "timestamp with time zone", "YES", null, null],
      ["migration_name", "character varying", "NO", null, 255],
      ["logs", "text", "YES", null, null],
      ["rolled_back_at", "timestamp with time zone", "YES", null, null],
      ["started_at", "timestamp with time zone", "NO", "now()", null],
      ["applied_steps_count", "integer", "NO", "0", null],
    ],
    "_prisma_migrations has Prisma's exact shape",
  );
  t.same(await query(url, 'SELECT id, note FROM "item"'), [{ id: 1, note: null }]);
});

t.test("refuses to run when an applied migration's file changed", async (t) => {
  const { url } = await createTestDatabase(t, { name: "checksum" });
  const migrations = await migrationsDir(t);
  await migrations.write("20250101000000_init", 'CREATE TABLE "item" ("id" INTEGER PRIMARY KEY);');
  await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir });

  await migrations.write("20250101000000_init", 'CREATE TABLE "item" ("id" BIGINT PRIMARY KEY);');
  await migrations.write("20250102000000_next", 'CREATE TABLE "other" ("id" INTEGER PRIMARY KEY);');
  const error = await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir }).catch((e: unknown) => e);
  t.type(error, MigrationChecksumMismatchError);
  t.match((error as Error).message, /20250101000000_init was changed after it was applied/);
  t.same(await query(url, "SELECT to_regclass('other') AS other"), [{ other: null }], "nothing after it ran");
});

t.test("an unfinished row (a runner died mid-migration) blocks every later run", async (t) => {
  const { url } = await createTestDatabase(t, { name: "unfinished" });
  const migrations = await migrationsDir(t);
  await migrations.write("20250101000000_init", 'CREATE TABLE "item" ("id" INTEGER PRIMARY KEY);');
  await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir });
  await migrations.write("20250102000000_next", 'CREATE TABLE "other" ("id" INTEGER PRIMARY KEY);');
  // What Prisma (or a crashed non-transactional runner) leaves behind: started, neither finished nor rolled back.
  await query(
    url,
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
     VALUES ('00000000-0000-4000-8000-000000000001', $1, '20250102000000_next', now())`,
    ["0".repeat(64)],
  );

  const error = await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir }).catch((e: unknown) => e);
  t.type(error, UnfinishedMigrationError);
  t.match((error as Error).message, /20250102000000_next started but never finished/);
  t.same(await query(url, "SELECT to_regclass('other') AS other"), [{ other: null }]);

  // Once an operator marks it rolled back, the next run applies it.
  await query(url, `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL`);
  t.same((await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir })).applied, ["20250102000000_next"]);
});

t.test("a failing migration is rolled back whole, recorded, and retried once fixed", async (t) => {
  const { url } = await createTestDatabase(t, { name: "failing" });
  const migrations = await migrationsDir(t);
  await migrations.write("20250101000000_init", 'CREATE TABLE "item" ("id" INTEGER PRIMARY KEY);');
  await migrations.write("20250102000000_broken", 'CREATE TABLE "other" ("id" INTEGER);\nSELECT no_such_function();');

  const error = await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir }).catch((e: unknown) => e);
  t.type(error, MigrationFailedError);
  t.match((error as Error).message, /20250102000000_broken failed and was rolled back: function no_such_function/);
  t.same(await query(url, "SELECT to_regclass('other') AS other"), [{ other: null }], "its first statement undone");
  const history = await query<{ migration_name: string; finished: boolean; rolled_back: boolean; logs: string | null }>(
    url,
    `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, logs
       FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  t.same(
    history.map((row) => [row.migration_name, row.finished, row.rolled_back]),
    [
      ["20250101000000_init", true, false],
      ["20250102000000_broken", false, true],
    ],
  );
  t.match(history[1]!.logs, /no_such_function/);

  await migrations.write("20250102000000_broken", 'CREATE TABLE "other" ("id" INTEGER);');
  t.same((await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir })).applied, [
    "20250102000000_broken",
  ]);
});

t.test("waits for Prisma's advisory lock and gives up after the timeout", async (t) => {
  const { url } = await createTestDatabase(t, { name: "locked" });
  const migrations = await migrationsDir(t);
  await migrations.write("20250101000000_init", 'CREATE TABLE "item" ("id" INTEGER PRIMARY KEY);');
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  t.teardown(() => holder.end());
  await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);

  const error = await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir, lockTimeoutMs: 300 }).catch(
    (e: unknown) => e,
  );
  t.match((error as Error).message, /held the migrate lock .* for more than 300 ms/);
  await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  t.same((await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir })).applied, ["20250101000000_init"]);
});
