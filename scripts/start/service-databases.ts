import { existsSync } from "node:fs";
import path from "node:path";
import { applyMigrations, ensureDatabase, type MigrationLogger, redactUrl, urlWithDatabase } from "@tpx/db";
import { errorMessage } from "./error-message.ts";
import type { LogOutput } from "./log-output.ts";
import { SERVICE_NAMES, type ServiceName, serviceDir } from "./services.ts";
import type { RunnerSettings } from "./settings.ts";

/** Each service's database URL: its override, else `<TPX_DB_PREFIX><service>` on the shared server. */
export function serviceDatabaseUrls(
  settings: RunnerSettings,
  serverUrl: string | undefined,
): Record<ServiceName, string> {
  const urls = {} as Record<ServiceName, string>;
  for (const service of SERVICE_NAMES) {
    const override = settings.databaseUrlOverrides[service];
    if (override !== undefined) urls[service] = override;
    else if (serverUrl !== undefined)
      urls[service] = urlWithDatabase(serverUrl, `${settings.databasePrefix}${service}`);
    else throw new Error(`no PostgreSQL server for ${service}`);
  }
  return urls;
}

function migrationLogger(service: ServiceName, output: LogOutput): MigrationLogger {
  const describe = (fields: object) => {
    const migration = (fields as { migration?: unknown }).migration;
    return migration === undefined ? "" : ` ${String(migration)}`;
  };
  return {
    info: (fields, message) => output.info(`${service}: ${message}${describe(fields)}`, { ...fields }),
    warn: (fields, message) => output.info(`${service}: warning: ${message}${describe(fields)}`, { ...fields }),
  };
}

/** Creates a service's database when missing and applies its pending migrations with our Prisma-compatible runner. */
async function prepareDatabase(service: ServiceName, url: string, output: LogOutput): Promise<void> {
  try {
    const { created } = await ensureDatabase(url);
    if (created) output.info(`${service}: created database ${new URL(url).pathname.slice(1)}`);
    const migrationsDir = path.join(serviceDir(service), "prisma", "migrations");
    if (!existsSync(migrationsDir)) return;
    const { applied } = await applyMigrations({
      databaseUrl: url,
      migrationsDir,
      logger: migrationLogger(service, output),
    });
    if (applied.length > 0) output.info(`${service}: applied ${applied.length} migration(s)`);
  } catch (error) {
    throw new Error(`${service} database ${redactUrl(url)}: ${errorMessage(error)}`);
  }
}

/** Every service's database, ready for the service to start. */
export async function prepareServiceDatabases(urls: Record<ServiceName, string>, output: LogOutput): Promise<void> {
  await Promise.all(SERVICE_NAMES.map((service) => prepareDatabase(service, urls[service], output)));
}
