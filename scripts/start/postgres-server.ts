import { redactUrl } from "@tpx/db";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import type { Lifecycle } from "./lifecycle.ts";
import type { LogOutput } from "./log-output.ts";
import { canConnect } from "./ports.ts";
import { SERVICE_NAMES } from "./services.ts";
import type { RunnerSettings } from "./settings.ts";

export const LOCAL_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * The PostgreSQL server the service databases go on: DATABASE_ADMIN_URL when set, else the usual local server when it
 * answers, else an embedded one the runner starts. Undefined when every service has its own database URL.
 */
export async function resolvePostgresServer(
  settings: RunnerSettings,
  lifecycle: Lifecycle,
  output: LogOutput,
): Promise<string | undefined> {
  if (SERVICE_NAMES.every((service) => settings.databaseUrlOverrides[service] !== undefined)) return undefined;
  if (settings.databaseAdminUrl !== undefined) {
    output.info(`PostgreSQL: using DATABASE_ADMIN_URL ${redactUrl(settings.databaseAdminUrl)}`);
    return settings.databaseAdminUrl;
  }
  if (await canConnect("127.0.0.1", 5432)) {
    output.info("PostgreSQL: using the server at 127.0.0.1:5432");
    return LOCAL_POSTGRES_URL;
  }
  output.info(
    "PostgreSQL: nothing answers at 127.0.0.1:5432 and DATABASE_ADMIN_URL is unset, starting an embedded one",
  );
  return startEmbeddedPostgres(settings.dataDir, lifecycle, output);
}
