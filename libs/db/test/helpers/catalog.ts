import pg from "pg";

/**
 * A comparable description of a database's `public` schema: what Prisma's schema can express (tables, columns with
 * type, nullability and default, indexes, constraints including foreign keys, enums, sequences). Prisma's own history
 * table is left out. Everything is sorted, so two databases built by different routes compare equal exactly when
 * their schemas are the same.
 */
export interface CatalogDump {
  columns: string[];
  indexes: string[];
  constraints: string[];
  enums: string[];
  sequences: string[];
}

const HISTORY_TABLE = "_prisma_migrations";

export async function dumpCatalog(url: string): Promise<CatalogDump> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines = async (sql: string): Promise<string[]> =>
      (await client.query<{ line: string }>(sql, [HISTORY_TABLE])).rows.map((row) => row.line).sort();
    return {
      columns: await lines(`
        SELECT concat_ws(' | ', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                         CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END,
                         'default ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-'),
                         'identity ' || a.attidentity::text, 'generated ' || a.attgenerated::text) AS line
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname <> $1
           AND a.attnum > 0 AND NOT a.attisdropped`),
      indexes: await lines(`
        SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1`),
      constraints: await lines(`
        SELECT concat_ws(' | ', c.relname, con.conname, pg_get_constraintdef(con.oid),
                         'deferrable ' || con.condeferrable::text) AS line
          FROM pg_constraint con
          JOIN pg_class c ON c.oid = con.conrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relname <> $1`),
      enums: await lines(`
        SELECT t.typname || ' | ' || string_agg(e.enumlabel, ',' ORDER BY e.enumlabel) AS line
          FROM pg_type t
          JOIN pg_enum e ON e.enumtypid = t.oid
          JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' AND t.typname <> $1
         GROUP BY t.typname`),
      sequences: await lines(`
        SELECT concat_ws(' | ', sequencename, data_type, increment_by, start_value) AS line
          FROM pg_sequences WHERE schemaname = 'public' AND sequencename <> $1`),
    };
  } finally {
    await client.end();
  }
}

/** Runs an SQL script (several statements) against a database. */
export async function runScript(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
