import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { dropDatabase, ensureDatabase } from "../database-admin.ts";
import { urlWithDatabase } from "../postgres-url.ts";

/** Prefix of the throwaway databases the engine replays migrations into. */
export const SHADOW_DATABASE_PREFIX = "tpx_shadow_";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** The private hook of @prisma/adapter-pg 7.10 every query goes through (adapter and transactions alike). */
interface PgQueryableInternals {
  performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }>;
  startTransaction?(...args: unknown[]): Promise<unknown>;
}

/**
 * The engine reads the catalog through the adapter, and PostgreSQL 15's catalog has `"char"` columns
 * (pg_constraint.contype...) that adapter-pg 7.10 refuses to map (prisma/orm#27403). pg already hands their values
 * over as strings, so reporting them as text is exact. Patched on the instance, for the adapter and each transaction.
 */
function readCharAsText<T>(queryable: T): T {
  const internals = queryable as unknown as PgQueryableInternals;
  const performIO = internals.performIO.bind(internals);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  const startTransaction = internals.startTransaction?.bind(internals);
  if (startTransaction) {
    internals.startTransaction = async (...args) => readCharAsText(await startTransaction(...args));
  }
  return queryable;
}

/**
 * The driver adapter handed to the schema engine. Its main connection goes to the maintenance database and is only
 * read; migrations are replayed in a shadow database created per diff and dropped (forcibly: adapter-pg's own drop
 * runs while its pool is still connected and fails) when the engine releases it.
 */
export class ShadowDatabaseAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  readonly #adminUrl: string;
  readonly #opened: SqlDriverAdapter[] = [];
  /** Shadow databases not dropped yet: the engine may fail before it disposes of one. */
  readonly #shadowDatabases = new Set<string>();

  constructor(adminUrl: string) {
    this.#adminUrl = adminUrl;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = readCharAsText(await new PrismaPg({ connectionString: this.#adminUrl }).connect());
    this.#opened.push(adapter);
    return adapter;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `${SHADOW_DATABASE_PREFIX}${randomUUID().replaceAll("-", "")}`;
    await ensureDatabase(this.#adminUrl, name);
    this.#shadowDatabases.add(name);
    const adapter = readCharAsText(
      await new PrismaPg({ connectionString: urlWithDatabase(this.#adminUrl, name) }).connect(),
    );
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await dropDatabase(this.#adminUrl, name);
      this.#shadowDatabases.delete(name);
    };
    return adapter;
  }

  /** Closes the main connections and drops any shadow database the engine left behind. */
  async close(): Promise<void> {
    await Promise.all(this.#opened.splice(0).map((adapter) => adapter.dispose()));
    for (const name of this.#shadowDatabases) await dropDatabase(this.#adminUrl, name);
    this.#shadowDatabases.clear();
  }
}
