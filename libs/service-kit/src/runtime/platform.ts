import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { ServiceName } from "@tpx/contracts";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import {
  ConsumerRunner,
  checkNats,
  connectNats,
  DeadLetters,
  ensureStreams,
  Outbox,
  OutboxRelay,
  type RetryPolicy,
} from "@tpx/messaging";
import { createLogger, type Logger, startTracing, type Tracing } from "@tpx/observability";
import type { Redis } from "ioredis";
import type { Registry } from "prom-client";
import { createTokenVerifier, type TokenVerifier } from "../auth/verifier.ts";
import type { PlatformConfig } from "../config/platform-variables.ts";
import { createMetricsRegistry } from "../http/metrics.ts";
import { Readiness } from "../http/readiness.ts";

export interface PlatformOptions<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>> {
  service: ServiceName;
  config: PlatformConfig;
  createDb(url: string, poolMax: number): Db;
  disconnectDb(db: Db): Promise<void>;
  useRedis?: boolean;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  tracing?: Tracing;
  relayPollIntervalMs?: number;
}

/**
 * Everything a service needs besides its own code, built in one place: logger, tracing, metrics, database, NATS
 * (streams ensured), Redis, the outbox and its relay, the consumer runner and the dead-letter store.
 */
export interface Platform<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>> {
  service: ServiceName;
  config: PlatformConfig;
  logger: Logger;
  tracing: Tracing;
  metrics: Registry;
  readiness: Readiness;
  db: Db;
  nats: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  redis: Redis | undefined;
  outbox: Outbox;
  relay: OutboxRelay;
  consumers: ConsumerRunner<Tx>;
  deadLetters: DeadLetters<Tx>;
  verifyToken: TokenVerifier;
  disconnectDb(): Promise<void>;
}

export async function createPlatform<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>>(
  options: PlatformOptions<Tx, Db>,
): Promise<Platform<Tx, Db>> {
  const { service, config } = options;
  const tracing = options.tracing ?? startTracing({ service, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = options.logger ?? createLogger({ service, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
  const metrics = createMetricsRegistry(service);
  const readiness = new Readiness();
  const db = options.createDb(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  readiness.addCheck("database", () => db.$queryRawUnsafe("SELECT 1"));

  logger.info({ url: config.NATS_URL }, "connecting to NATS");
  const nats = await connectNats({ url: config.NATS_URL, name: service, logger });
  readiness.addCheck("nats", () => checkNats(nats));
  const jsm = await jetstreamManager(nats);
  const js = jetstream(nats);
  await ensureStreams(jsm, config.EVENT_NAMESPACE);

  // Imported only when used: most services never load the Redis client.
  const redis = options.useRedis ? (await import("./redis.ts")).createRedis(config.REDIS_URL, service) : undefined;
  if (redis) readiness.addCheck("redis", () => redis.ping());

  const relay = new OutboxRelay({
    db,
    js,
    logger: logger.child({ component: "outbox-relay" }),
    metrics,
    retentionHours: config.OUTBOX_RETENTION_HOURS,
    ...(options.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: options.relayPollIntervalMs }),
  });
  const outbox = new Outbox({ service, namespace: config.EVENT_NAMESPACE, onWrite: () => relay.wake() });
  const consumers = new ConsumerRunner<Tx>({
    service,
    namespace: config.EVENT_NAMESPACE,
    db,
    js,
    jsm,
    logger,
    metrics,
    inboxRetentionDays: config.INBOX_RETENTION_DAYS,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const deadLetters = new DeadLetters<Tx>({
    service,
    namespace: config.EVENT_NAMESPACE,
    db,
    js,
    jsm,
    logger,
    runner: consumers,
    metrics,
  });
  const verifyToken = createTokenVerifier({
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwksUrl: config.AUTH_JWKS_URL,
    jwks: config.AUTH_JWKS,
  });
  return {
    service,
    config,
    logger,
    tracing,
    metrics,
    readiness,
    db,
    nats,
    js,
    jsm,
    redis,
    outbox,
    relay,
    consumers,
    deadLetters,
    verifyToken,
    disconnectDb: () => options.disconnectDb(db),
  };
}
