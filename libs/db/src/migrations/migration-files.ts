import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** One folder of a Prisma migrations directory: `<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  /** The folder name, which is also `_prisma_migrations.migration_name`. */
  name: string;
  sql: string;
  checksum: string;
}

/** The checksum Prisma stores for a migration: lowercase hex SHA-256 of the file's bytes. */
export function migrationChecksum(contents: Buffer | string): string {
  return createHash("sha256").update(contents).digest("hex");
}

/**
 * Reads every migration in a Prisma migrations directory, in the order they apply: by folder name, which starts
 * with a UTC timestamp. Files beside the folders (migration_lock.toml) are not migrations.
 */
export async function readMigrationFiles(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of folders) {
    const file = path.join(migrationsDir, name, "migration.sql");
    let contents: Buffer;
    try {
      contents = await readFile(file);
    } catch (error) {
      throw new Error(`Migration folder ${name} has no readable migration.sql (${(error as Error).message})`);
    }
    migrations.push({ name, sql: contents.toString("utf8"), checksum: migrationChecksum(contents) });
  }
  return migrations;
}
