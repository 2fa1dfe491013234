// Applies a service's Prisma migrations to DATABASE_URL, creating the database first if it is missing. This is what
// the migration Job runs before a service's pods start, so every failure exits non-zero with the reason.
//
//   DATABASE_URL=postgresql://... tsx scripts/migrate.ts --service partner
//   DATABASE_URL=postgresql://... tsx scripts/migrate.ts --migrations-dir path/to/prisma/migrations
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations, databaseNameFromUrl, ensureDatabase, type MigrationLogger, redactUrl } from "@tpx/db";

const repoRoot = path.resolve(import.meta.dirname, "..");

/** One JSON line per event, like the services' pino logs, so the Job's output reads the same way. */
const logger: MigrationLogger = {
  info: (fields, message) => console.log(JSON.stringify({ level: "info", msg: message, ...fields })),
  warn: (fields, message) => console.log(JSON.stringify({ level: "warn", msg: message, ...fields })),
};

function resolveMigrationsDir(service: string | undefined, migrationsDir: string | undefined): string {
  if ((service === undefined) === (migrationsDir === undefined)) {
    throw new Error(
      "usage: tsx scripts/migrate.ts --service <name> | --migrations-dir <path>  (with DATABASE_URL set)",
    );
  }
  const dir = migrationsDir
    ? path.resolve(migrationsDir)
    : path.join(repoRoot, "services", service as string, "prisma", "migrations");
  if (!existsSync(dir)) throw new Error(`No migrations directory at ${dir}`);
  return dir;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { service: { type: "string" }, "migrations-dir": { type: "string" } } });
  const migrationsDir = resolveMigrationsDir(values.service, values["migrations-dir"]);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");

  const database = databaseNameFromUrl(databaseUrl);
  const { created } = await ensureDatabase(databaseUrl).catch((error: unknown) => {
    throw new Error(
      `cannot create or reach database ${database} at ${redactUrl(databaseUrl)}: ${(error as Error).message}`,
    );
  });
  if (created) logger.info({ database }, "database created");
  const { applied } = await applyMigrations({ databaseUrl, migrationsDir, logger });
  logger.info(
    { database, url: redactUrl(databaseUrl), applied },
    applied.length === 0 ? "database already up to date" : `applied ${applied.length} migration(s)`,
  );
}

main().catch((error: unknown) => {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
