/** A migration row that started and neither finished nor was marked rolled back: the database state is unknown. */
export class UnfinishedMigrationError extends Error {
  readonly migrationNames: string[];

  constructor(migrationNames: string[]) {
    super(
      `Refusing to migrate: migration(s) ${migrationNames.join(", ")} started but never finished. Check the database ` +
        "by hand, repair it, then mark the row rolled back " +
        `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '...' AND finished_at IS NULL) ` +
        "so it is applied again, or set finished_at if it did complete.",
    );
    this.name = "UnfinishedMigrationError";
    this.migrationNames = migrationNames;
  }
}

/** An applied migration's file changed since: the database no longer matches what the files describe. */
export class MigrationChecksumMismatchError extends Error {
  readonly migrationName: string;

  constructor(migrationName: string, appliedChecksum: string, fileChecksum: string) {
    super(
      `Refusing to migrate: migration ${migrationName} was changed after it was applied ` +
        `(applied checksum ${appliedChecksum}, file checksum ${fileChecksum}). Applied migrations are immutable: ` +
        "restore the file and put the change in a new migration.",
    );
    this.name = "MigrationChecksumMismatchError";
    this.migrationName = migrationName;
  }
}

/** A migration's SQL failed; its transaction was rolled back, so the database is as it was before it. */
export class MigrationFailedError extends Error {
  readonly migrationName: string;

  constructor(migrationName: string, cause: unknown) {
    super(`Migration ${migrationName} failed and was rolled back: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
    this.name = "MigrationFailedError";
    this.migrationName = migrationName;
  }
}
