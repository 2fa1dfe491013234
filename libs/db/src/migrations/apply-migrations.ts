import { randomUUID } from "node:crypto";
import pg from "pg";
import { redactUrl } from "../postgres-url.ts";
import { MigrationChecksumMismatchError, MigrationFailedError, UnfinishedMigrationError } from "./migration-errors.ts";
import { type MigrationFile, readMigrationFiles } from "./migration-files.ts";
import {
  CREATE_MIGRATIONS_TABLE,
  type MigrationRow,
  PRISMA_MIGRATE_LOCK_KEY,
  readMigrationRows,
} from "./migrations-table.ts";

/** The slice of a pino logger the runner uses; a pino Logger fits as is. */
export interface MigrationLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  /** A Prisma migrations directory: `<timestamp>_<name>/migration.sql` folders. */
  migrationsDir: string;
  logger?: MigrationLogger;
  /** How long to wait for another runner's lock before giving up (default 60 s). */
  lockTimeoutMs?: number;
}

export interface ApplyMigrationsResult {
  /** Names of the migrations this call applied, in order; empty when the database was up to date. */
  applied: string[];
}

const silentLogger: MigrationLogger = { info: () => {}, warn: () => {} };

/**
 * Applies the pending migrations of a Prisma migrations directory, the way `prisma migrate deploy` does (which cannot
 * run here: its engine is a native binary we cannot download). The whole run holds Prisma's advisory lock on one
 * dedicated connection, so concurrent runners (several replicas starting at once) apply each migration exactly once.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const logger = options.logger ?? silentLogger;
  const migrations = await readMigrationFiles(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: "tpx-migrate" });
  await client.connect();
  try {
    await acquireMigrateLock(client, options.lockTimeoutMs ?? 60_000, options.databaseUrl);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const pending = pendingMigrations(migrations, await readMigrationRows(client), logger);
      const applied: string[] = [];
      for (const migration of pending) {
        const startedAt = Date.now();
        await applyOne(client, migration);
        applied.push(migration.name);
        logger.info({ migration: migration.name, durationMs: Date.now() - startedAt }, "migration applied");
      }
      return { applied };
    } finally {
      // A broken connection releases the lock by itself; do not hide the original error behind this one.
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/** Session-level lock: held across the per-migration transactions, released by unlock or by disconnecting. */
async function acquireMigrateLock(client: pg.Client, timeoutMs: number, databaseUrl: string): Promise<void> {
  await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") {
      throw new Error(
        `Another migration runner held the migrate lock on ${redactUrl(databaseUrl)} for more than ${timeoutMs} ms`,
      );
    }
    throw error;
  } finally {
    await client.query("RESET lock_timeout");
  }
}

/**
 * Compares the files with the history table. Refuses an unfinished row (a crashed or foreign runner left the database
 * in an unknown state) and an applied migration whose file changed; returns the files not applied yet.
 */
function pendingMigrations(files: MigrationFile[], rows: MigrationRow[], logger: MigrationLogger): MigrationFile[] {
  const unfinished = rows.filter((row) => row.finishedAt === null && row.rolledBackAt === null);
  if (unfinished.length > 0) {
    throw new UnfinishedMigrationError(unfinished.map((row) => row.migrationName));
  }
  const applied = new Map<string, MigrationRow>();
  for (const row of rows) {
    if (row.finishedAt !== null && row.rolledBackAt === null) applied.set(row.migrationName, row);
  }
  const fileNames = new Set(files.map((file) => file.name));
  for (const name of applied.keys()) {
    if (!fileNames.has(name)) {
      // An older build running against a database migrated by a newer one: not fatal, but worth seeing.
      logger.warn({ migration: name }, "migration applied to the database is missing from the migrations directory");
    }
  }
  for (const file of files) {
    const row = applied.get(file.name);
    if (row && row.checksum !== file.checksum) {
      throw new MigrationChecksumMismatchError(file.name, row.checksum, file.checksum);
    }
  }
  return files.filter((file) => !applied.has(file.name));
}

/**
 * One transaction per migration, its history row included: either the schema change and its row commit together, or
 * neither does. A failure is recorded afterwards as a rolled-back row (the audit trail Prisma keeps too), which does
 * not block the next run once the migration is fixed.
 */
async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    // No parameters: pg sends the script with the simple query protocol, which runs several statements.
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    await client
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at)
         VALUES ($1, $2, $3, $4, now(), now())`,
        [id, migration.checksum, migration.name, String((error as Error)?.stack ?? error)],
      )
      .catch(() => {});
    throw new MigrationFailedError(migration.name, error);
  }
}
