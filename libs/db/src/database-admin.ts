import pg from "pg";
import { databaseNameFromUrl, quoteIdentifier, urlWithDatabase } from "./postgres-url.ts";

/** Every PostgreSQL server has it; CREATE/DROP DATABASE must run while connected to some other database. */
const MAINTENANCE_DATABASE = "postgres";

/** SQLSTATEs meaning "someone else created it first" (the second comes from a race on pg_database's unique index). */
const DUPLICATE_DATABASE = new Set(["42P04", "23505"]);

/** SQLSTATE invalid_catalog_name: the database does not exist. */
const NO_SUCH_DATABASE = "3D000";

/** True when the URL's database accepts a connection, false when it does not exist; other failures are thrown. */
async function databaseAccepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === NO_SUCH_DATABASE) return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

async function withMaintenanceConnection<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlWithDatabase(url, MAINTENANCE_DATABASE) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database if it does not exist yet. `url` is the service's own DATABASE_URL (then `name` defaults to
 * its database, and an existing one is found by connecting to it) or an admin URL plus `name`. Creating needs the
 * CREATEDB right. Safe when several processes race to create the same database.
 */
export async function ensureDatabase(
  url: string,
  name: string = databaseNameFromUrl(url),
): Promise<{ created: boolean }> {
  // A service account may connect to its own, pre-provisioned database and nowhere else: try that first.
  if (name === databaseNameFromUrl(url) && (await databaseAccepts(url))) return { created: false };
  return withMaintenanceConnection(url, async (client) => {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount !== 0) return { created: false };
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return { created: true };
    } catch (error) {
      if (DUPLICATE_DATABASE.has((error as { code?: string }).code ?? "")) return { created: false };
      throw error;
    }
  });
}

/** Drops the database if it exists, disconnecting whoever is still connected to it (PostgreSQL 13+). */
export async function dropDatabase(url: string, name: string = databaseNameFromUrl(url)): Promise<void> {
  await withMaintenanceConnection(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}
