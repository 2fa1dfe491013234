// Several replicas' migration Jobs (or `npm start` next to a Job) can start at the same moment. Two real processes
// running the CLI against one fresh database must both succeed and apply every migration exactly once.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createTestDatabase } from "@tpx/testing";
import pg from "pg";
import t from "tap";
import { PRISMA_MIGRATE_LOCK_KEY } from "../src/index.ts";
import { repoRoot } from "./helpers/services.ts";

const migrateCli = path.join(repoRoot, "scripts", "migrate.ts");

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runMigrateCli(databaseUrl: string, migrationsDir: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", migrateCli, "--migrations-dir", migrationsDir], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The `applied` list from the CLI's closing log line. */
function appliedBy(run: CliRun): string[] {
  const lines = run.stdout.trim().split("\n");
  return (JSON.parse(lines.at(-1)!) as { applied: string[] }).applied;
}

t.test("two processes migrating one database at once apply each migration exactly once", async (t) => {
  const { url } = await createTestDatabase(t, { name: "concurrent" });
  const dir = await mkdtemp(path.join(tmpdir(), "tpx-concurrent-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const migrations: Record<string, string> = {
    "20250101000000_create": 'CREATE TABLE "counter" ("id" INTEGER PRIMARY KEY, "value" INTEGER NOT NULL);',
    // Neither statement survives being applied twice: a second run would fail (duplicate key) or double the value.
    "20250102000000_seed": 'INSERT INTO "counter" VALUES (1, 1);',
    "20250103000000_bump": 'UPDATE "counter" SET "value" = "value" + 10;',
  };
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }

  // Hold the lock so both processes are certainly inside the race, then let them go together.
  const gate = new pg.Client({ connectionString: url });
  await gate.connect();
  t.teardown(() => gate.end());
  await gate.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  const runs = [runMigrateCli(url, dir), runMigrateCli(url, dir)];
  const waiting = async () =>
    Number(
      (
        await gate.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted",
          [PRISMA_MIGRATE_LOCK_KEY],
        )
      ).rows[0]!.n,
    );
  const deadline = Date.now() + 30_000;
  while ((await waiting()) < 2 && Date.now() < deadline) await sleep(50);
  t.equal(await waiting(), 2, "both processes are waiting for the migrate lock");
  await gate.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);

  const [first, second] = await Promise.all(runs);
  t.equal(first!.code, 0, `first process succeeds ${first!.stderr}`);
  t.equal(second!.code, 0, `second process succeeds ${second!.stderr}`);
  const appliedByEach = [appliedBy(first!), appliedBy(second!)];
  t.same(appliedByEach.flat().sort(), Object.keys(migrations), "together they applied each migration once");

  const history = await gate.query<{ migration_name: string; n: string }>(
    `SELECT migration_name, count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  t.same(
    history.rows.map((row) => [row.migration_name, Number(row.n)]),
    Object.keys(migrations).map((name) => [name, 1]),
  );
  t.same((await gate.query('SELECT "id", "value" FROM "counter"')).rows, [{ id: 1, value: 11 }]);
});

t.test("the CLI exits non-zero with the reason when it refuses", async (t) => {
  const { url } = await createTestDatabase(t, { name: "cli_refuse" });
  const dir = await mkdtemp(path.join(tmpdir(), "tpx-refuse-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(path.join(dir, "20250101000000_init"));
  const file = path.join(dir, "20250101000000_init", "migration.sql");
  await writeFile(file, 'CREATE TABLE "item" ("id" INTEGER PRIMARY KEY);');
  const ok = await runMigrateCli(url, dir);
  t.equal(ok.code, 0, ok.stderr);
  t.same(appliedBy(ok), ["20250101000000_init"]);

  await writeFile(file, 'CREATE TABLE "item" ("id" BIGINT PRIMARY KEY);');
  const refused = await runMigrateCli(url, dir);
  t.equal(refused.code, 1);
  t.match(refused.stderr, /migrate failed: Refusing to migrate: migration 20250101000000_init was changed/);
});
