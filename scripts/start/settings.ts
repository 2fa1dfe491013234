import path from "node:path";
// The config module alone: the package entry also loads fastify and OpenTelemetry, seconds the runner need not spend.
import { bool, ConfigError, defineConfig, int, oneOf, optional, str, url } from "@tpx/service-kit/config";
import { envPrefix, PORT_OFFSETS, repoRoot, SERVICE_NAMES, type ServiceName } from "./services.ts";

const POSTGRES = ["postgres", "postgresql"];

/** What `npm start` reads besides what it passes through to the services (EVENT_NAMESPACE, LOG_LEVEL, AUTH_*…). */
export const runnerConfigSpec = defineConfig({
  DATABASE_ADMIN_URL: optional(
    url({
      description:
        "npm start: PostgreSQL server where it creates one database per service (it connects to the `postgres` database there). Unset: postgresql://postgres@127.0.0.1:5432 when that answers, else an embedded PostgreSQL in TPX_DATA_DIR/postgres",
      protocols: POSTGRES,
      secret: true,
    }),
  ),
  TPX_DB_PREFIX: str({
    description: "npm start: service databases are named <prefix><service>, e.g. tpx_partner",
    default: "tpx_",
    // PostgreSQL names are at most 63 bytes and the longest service name has 12.
    pattern: /^[a-z_][a-z0-9_]{0,47}$/,
  }),
  PORT_BASE: int({
    description:
      "npm start: services listen on PORT_BASE + 0..5 (gateway, partner, survey, scoring, matching, notification)",
    default: "8080",
    min: 1,
    max: 65530,
  }),
  NATS_URL: url({
    description: "npm start: NATS with JetStream; started from a local nats-server binary when nothing answers",
    protocols: ["nats"],
    default: "nats://127.0.0.1:4222",
  }),
  REDIS_URL: url({
    description: "npm start: Redis; started from a local redis-server binary when nothing answers",
    protocols: ["redis"],
    default: "redis://127.0.0.1:6379",
  }),
  LOG_PRETTY: optional(
    bool({
      description: "npm start: human-readable logs; unset means true when stdout is a terminal, else JSON lines",
    }),
  ),
  TPX_DATA_DIR: str({
    description:
      "npm start: where the servers it starts keep their data (postgres/, nats/), relative to the repository",
    default: ".data",
  }),
  TPX_GENERATE_PRISMA: oneOf({
    description:
      "npm start: auto runs npm run generate:prisma when a service's client is missing or older than its schema; never leaves the generated code alone (tests, whose neighbours import it)",
    values: ["auto", "never"] as const,
    default: "auto",
  }),
  TPX_START_TIMEOUT_MS: int({
    description: "npm start: how long every service gets to answer /readyz with 200",
    default: "60000",
    min: 1000,
    max: 600000,
  }),
  TPX_DEMO_DATA: bool({
    description:
      "npm start: on a platform without partners, create demo data through the API (an admin's partners in every state, survey answers and scores, a contractor with matches) and print where to look; false starts empty",
    default: "true",
  }),
  ADMIN_EMAIL: str({
    description: "npm start: the gateway's first admin (passed on as the gateway's ADMIN_EMAIL); the banner prints it",
    default: "admin@tpx.local",
  }),
  ADMIN_PASSWORD: str({
    description:
      "npm start: that admin's password (12+ characters), printed in the banner; set your own on a machine others can reach",
    default: "tpx-admin-password",
    secret: true,
    // The gateway's password rule, checked here so a short one stops npm start before six services load.
    pattern: /^.{12,128}$/,
  }),
});

/** `PARTNER_DATABASE_URL`, `PARTNER_PORT`…: one service on its own database or port. */
export const serviceOverrideConfigSpec = defineConfig(
  Object.fromEntries(
    SERVICE_NAMES.flatMap((service) => [
      [
        `${envPrefix(service)}_DATABASE_URL`,
        optional(
          url({
            description: `npm start: the ${service} service's database instead of <TPX_DB_PREFIX>${service} on DATABASE_ADMIN_URL's server (created and migrated if missing)`,
            protocols: POSTGRES,
            secret: true,
          }),
        ),
      ],
      [
        `${envPrefix(service)}_PORT`,
        optional(
          int({
            description: `npm start: the ${service} service's port instead of PORT_BASE + ${PORT_OFFSETS[service]}`,
            min: 1,
            max: 65535,
          }),
        ),
      ],
    ]),
  ),
);

export interface RunnerSettings {
  /** Undefined: look for a local server, else start an embedded one. */
  databaseAdminUrl: string | undefined;
  databaseUrlOverrides: Partial<Record<ServiceName, string>>;
  databasePrefix: string;
  ports: Record<ServiceName, number>;
  natsUrl: string;
  redisUrl: string;
  prettyLogs: boolean;
  dataDir: string;
  generatePrisma: "auto" | "never";
  startTimeoutMs: number;
  demoData: boolean;
  /** The gateway's first admin: the runner passes it on and logs in with it to add the demo data. */
  admin: { email: string; password: string };
}

/** Names the runner consumes itself: they are not passed on to the services, which have no use for them. */
export const RUNNER_ONLY_VARIABLES: readonly string[] = [
  "DATABASE_ADMIN_URL",
  "TPX_DB_PREFIX",
  "PORT_BASE",
  "TPX_DATA_DIR",
  "TPX_GENERATE_PRISMA",
  "TPX_START_TIMEOUT_MS",
  "TPX_DEMO_DATA",
  ...Object.keys(serviceOverrideConfigSpec.variables),
];

/** Reads and validates everything at once, so one start reports every problem; throws ConfigError. */
export function loadSettings(env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): RunnerSettings {
  const problems: string[] = [];
  const load = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const runner = load(() => runnerConfigSpec.load(env));
  const overrides = load(() => serviceOverrideConfigSpec.load(env)) as Record<string, string | number | undefined>;
  if (!runner || !overrides) throw new ConfigError(problems);

  const ports = {} as Record<ServiceName, number>;
  const databaseUrlOverrides: Partial<Record<ServiceName, string>> = {};
  for (const service of SERVICE_NAMES) {
    ports[service] =
      (overrides[`${envPrefix(service)}_PORT`] as number | undefined) ?? runner.PORT_BASE + PORT_OFFSETS[service];
    const databaseUrl = overrides[`${envPrefix(service)}_DATABASE_URL`] as string | undefined;
    if (databaseUrl !== undefined) databaseUrlOverrides[service] = databaseUrl;
  }
  const byPort = new Map<number, ServiceName[]>();
  for (const service of SERVICE_NAMES) byPort.set(ports[service], [...(byPort.get(ports[service]) ?? []), service]);
  for (const [port, services] of byPort) {
    if (services.length > 1) problems.push(`${services.join(" and ")} would all listen on port ${port}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    databaseAdminUrl: runner.DATABASE_ADMIN_URL,
    databaseUrlOverrides,
    databasePrefix: runner.TPX_DB_PREFIX,
    ports,
    natsUrl: runner.NATS_URL,
    redisUrl: runner.REDIS_URL,
    prettyLogs: runner.LOG_PRETTY ?? stdoutIsTerminal,
    dataDir: path.resolve(repoRoot, runner.TPX_DATA_DIR),
    generatePrisma: runner.TPX_GENERATE_PRISMA,
    startTimeoutMs: runner.TPX_START_TIMEOUT_MS,
    demoData: runner.TPX_DEMO_DATA,
    admin: { email: runner.ADMIN_EMAIL, password: runner.ADMIN_PASSWORD },
  };
}
