import type { ServiceName } from "@tpx/contracts";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import type { RetryPolicy } from "@tpx/messaging";
import { createLogger } from "@tpx/observability";
import {
  type ConfigSpec,
  createPlatform,
  defineConfig,
  type HttpServer,
  type Platform,
  platformVariables,
  type VariableMap,
} from "@tpx/service-kit";
import { createTestAuth, type TestAuth } from "./auth.ts";
import { createTestDatabase, type TeardownRegistry } from "./database.ts";
import { SHARED_NATS_URL, testNamespace } from "./namespace.ts";

export interface TestServiceOptions<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>, S extends VariableMap> {
  service: ServiceName;
  /** `services/<name>/prisma/migrations` */
  migrationsDir: string;
  createDb(url: string, poolMax: number): Db;
  disconnectDb(db: Db): Promise<void>;
  /** The service's own config spec, so service-specific variables are validated as in production. */
  configSpec?: ConfigSpec<S>;
  /** Extra environment for this test (service-specific variables, overrides). */
  env?: Record<string, string>;
  useRedis?: boolean;
  retry?: Partial<RetryPolicy>;
  natsUrl?: string;
  /** Share one namespace between several services of one test (e.g. producer and consumer). */
  namespace?: string;
}

export interface TestService<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>, S extends VariableMap> {
  platform: Platform<Tx, Db>;
  config: ReturnType<ConfigSpec<S>["load"]>;
  auth: TestAuth;
  namespace: string;
  databaseUrl: string;
  /** Starts the relay, the consumers and dead-letter capture (no HTTP port; use `app.inject`). */
  startBackground(): Promise<void>;
}

/**
 * A real platform for one service in a test: its own database with the service's migrations, its own stream
 * namespace on the shared NATS, real Redis when asked, tokens from a test key. Everything is closed on teardown.
 */
export async function createTestService<
  Tx extends SqlExecutor,
  Db extends TransactionRunner<Tx>,
  S extends VariableMap,
>(t: TeardownRegistry, options: TestServiceOptions<Tx, Db, S>, auth?: TestAuth): Promise<TestService<Tx, Db, S>> {
  const natsUrl = options.natsUrl ?? SHARED_NATS_URL;
  const namespace = options.namespace ?? testNamespace(t, { natsUrl });
  const database = await createTestDatabase(t, { migrationsDir: options.migrationsDir, name: options.service });
  const testAuth = auth ?? (await createTestAuth());
  const spec = (options.configSpec ?? defineConfig(platformVariables({ defaultPort: 0 }))) as ConfigSpec<S>;
  const config = spec.load({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: "5",
    NATS_URL: natsUrl,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    EVENT_NAMESPACE: namespace,
    AUTH_JWKS: testAuth.jwks,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    PORT: "0",
    ...options.env,
  });
  const logger = createLogger({ service: options.service, level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const platform = await createPlatform<Tx, Db>({
    service: options.service,
    config: config as unknown as Parameters<typeof createPlatform>[0]["config"],
    createDb: options.createDb,
    disconnectDb: options.disconnectDb,
    logger,
    relayPollIntervalMs: 100,
    ...(options.useRedis === undefined ? {} : { useRedis: options.useRedis }),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  let background = false;
  t.teardown(async () => {
    if (background) {
      await platform.consumers.stop();
      await platform.deadLetters.stop();
      await platform.relay.stop();
    }
    await platform.nats.drain().catch(() => undefined);
    await platform.redis?.quit().catch(() => undefined);
    await platform.disconnectDb();
  });
  return {
    platform,
    config,
    auth: testAuth,
    namespace,
    databaseUrl: database.url,
    async startBackground() {
      background = true;
      platform.relay.start();
      await platform.consumers.start();
      await platform.deadLetters.start();
    },
  };
}

/** Closes a built app on teardown. */
export function closeOnTeardown(t: TeardownRegistry, app: HttpServer): HttpServer {
  t.teardown(() => app.close());
  return app;
}
