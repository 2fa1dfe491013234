import { randomBytes } from "node:crypto";
import { applyMigrations, dropDatabase, ensureDatabase, urlWithDatabase } from "@tpx/db";

/** Every database a test creates starts with this, so leftovers of a killed run are easy to find and drop. */
export const TEST_DATABASE_PREFIX = "tpx_test_";

export const DEFAULT_TEST_DATABASE_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The part of a tap `Test` this helper needs; typed structurally so tap is not imported at run time. */
export interface TeardownRegistry {
  teardown(fn: () => unknown): void;
}

export interface TestDatabaseOptions {
  /** A Prisma migrations directory to apply, e.g. `services/partner/prisma/migrations`. */
  migrationsDir?: string;
  /** A readable word put into the database name (lowercase letters, digits, underscores). */
  name?: string;
}

export interface TestDatabase {
  url: string;
  name: string;
}

export function testDatabaseAdminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_TEST_DATABASE_ADMIN_URL;
}

/** PostgreSQL identifiers are at most 63 bytes: keep the label short, the random suffix whole. */
function uniqueDatabaseName(label: string | undefined): string {
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const cleaned = (label ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .slice(0, 30);
  return cleaned ? `${TEST_DATABASE_PREFIX}${cleaned}_${suffix}` : `${TEST_DATABASE_PREFIX}${suffix}`;
}

/**
 * A fresh database on the test PostgreSQL (TEST_DATABASE_ADMIN_URL), with the given migrations applied, dropped when
 * the test ends (connections still open to it are terminated). Each test file gets its own, so files run in parallel.
 */
export async function createTestDatabase(
  t: TeardownRegistry,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const adminUrl = testDatabaseAdminUrl();
  const name = uniqueDatabaseName(options.name);
  await ensureDatabase(adminUrl, name);
  t.teardown(() => dropDatabase(adminUrl, name));
  const url = urlWithDatabase(adminUrl, name);
  if (options.migrationsDir !== undefined) {
    await applyMigrations({ databaseUrl: url, migrationsDir: options.migrationsDir });
  }
  return { url, name };
}
