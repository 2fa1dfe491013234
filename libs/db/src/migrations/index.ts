export {
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
  applyMigrations,
  type MigrationLogger,
} from "./apply-migrations.ts";
export { MigrationChecksumMismatchError, MigrationFailedError, UnfinishedMigrationError } from "./migration-errors.ts";
export { type MigrationFile, migrationChecksum, readMigrationFiles } from "./migration-files.ts";
export { CREATE_MIGRATIONS_TABLE, PRISMA_MIGRATE_LOCK_KEY } from "./migrations-table.ts";
