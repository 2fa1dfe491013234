import { readFile } from "node:fs/promises";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DiffTarget, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { readMigrationFiles } from "../migrations/migration-files.ts";
import { ShadowDatabaseAdapterFactory } from "./shadow-database-adapter.ts";
import { loadWasmSchemaEngine } from "./wasm-schema-engine.ts";

export interface SchemaDiffOptions {
  /** The service's `prisma/schema.prisma`. */
  schemaPath: string;
  /**
   * A URL on a reachable PostgreSQL with rights to create databases. The engine needs a live server even to diff
   * files: it replays migrations into a throwaway shadow database and reads that back.
   */
  adminUrl: string;
}

export interface MigrationsDiffOptions extends SchemaDiffOptions {
  /** The service's `prisma/migrations`. */
  migrationsDir: string;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

async function migrationList(migrationsDir: string): Promise<MigrationList> {
  const lockfilePath = path.join(migrationsDir, "migration_lock.toml");
  const lockfile = await readFile(lockfilePath, "utf8").catch(() => null);
  const migrations = await readMigrationFiles(migrationsDir);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}

async function withEngine<T>(
  options: SchemaDiffOptions,
  fn: (engine: SchemaEngine, schema: DiffTarget) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadWasmSchemaEngine();
  const content = await readFile(options.schemaPath, "utf8");
  const adapterFactory = new ShadowDatabaseAdapterFactory(options.adminUrl);
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new(
      { datamodels: [[options.schemaPath, content]] },
      () => {}, // the engine's own tracing lines: not needed, errors come back as rejections
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
    return await fn(engine, { tag: "schemaDatamodel", files: [{ path: options.schemaPath, content }] });
  } finally {
    engine?.free();
    await adapterFactory.close();
  }
}

/** The SQL that takes a database from the state the migrations leave it in to `schema.prisma`; null when equal. */
export async function diffMigrationsToSchema(options: MigrationsDiffOptions): Promise<string | null> {
  const from: DiffTarget = { tag: "migrations", ...(await migrationList(options.migrationsDir)) };
  return withEngine(options, async (engine, schema) => {
    const result = await engine.diff({ from, to: schema, script: true, exitCode: true, filters: NO_FILTERS });
    // With exitCode set, the engine answers 2 exactly when the diff is not empty.
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  });
}

/** The SQL that creates `schema.prisma` in an empty database. */
export async function diffEmptyToSchema(options: SchemaDiffOptions): Promise<string> {
  return withEngine(options, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "empty" },
      to: schema,
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}
