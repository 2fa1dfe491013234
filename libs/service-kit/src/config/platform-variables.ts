import { STREAM_MAX_AGE_DAYS } from "@tpx/messaging";
import type { ConfigOf } from "./define-config.ts";
import { bool, int, oneOf, optional, str, url } from "./variables.ts";

/** Variables every service reads. A service spreads these into its own `defineConfig`. */
export function platformVariables(options: { defaultPort: number }) {
  return {
    NODE_ENV: oneOf({
      description: "development, test or production; production disables development-only pages",
      values: ["development", "test", "production"] as const,
      default: "development",
    }),
    HOST: str({ description: "interface to listen on", default: "0.0.0.0" }),
    PORT: int({
      description: "HTTP port (0 picks a free one)",
      default: String(options.defaultPort),
      min: 0,
      max: 65535,
    }),
    LOG_LEVEL: oneOf({
      description: "pino log level",
      values: ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const,
      default: "info",
    }),
    LOG_PRETTY: bool({ description: "human-readable logs instead of JSON (development)", default: "false" }),
    DATABASE_URL: url({
      description: "PostgreSQL URL of this service's own database",
      protocols: ["postgres", "postgresql"],
      secret: true,
    }),
    DATABASE_POOL_MAX: int({ description: "connections in the database pool", default: "10", min: 1, max: 200 }),
    NATS_URL: url({
      description: "NATS server(s) with JetStream",
      protocols: ["nats", "tls"],
      default: "nats://127.0.0.1:4222",
    }),
    REDIS_URL: url({ description: "Redis URL", protocols: ["redis", "rediss"], default: "redis://127.0.0.1:6379" }),
    EVENT_NAMESPACE: str({
      description: "prefix of NATS subjects and streams (tests use their own)",
      default: "tpx",
      pattern: /^[a-z][a-z0-9_]{0,31}$/,
    }),
    OTEL_EXPORTER_OTLP_ENDPOINT: optional(
      url({
        description: "OTLP/HTTP collector endpoint; traces are not exported when unset",
        protocols: ["http", "https"],
      }),
    ),
    AUTH_ISSUER: str({ description: "expected `iss` of access tokens (the gateway)", default: "tpx-gateway" }),
    AUTH_AUDIENCE: str({ description: "expected `aud` of access tokens", default: "tpx" }),
    AUTH_JWKS_URL: optional(
      url({ description: "where the gateway publishes its token keys (JWKS)", protocols: ["http", "https"] }),
    ),
    AUTH_JWKS: optional(str({ description: "token keys as an inline JWKS JSON document (instead of AUTH_JWKS_URL)" })),
    // Bounded so an inbox (INBOX_RETENTION_DAYS, at least STREAM_MAX_AGE_DAYS + 5) always outlives every outbox row
    // that could be re-published: a re-published event is then always recognised as a duplicate.
    OUTBOX_RETENTION_HOURS: int({
      description:
        "hours a sent outbox row is kept (to re-publish a lost stream) before it is deleted; unsent and parked rows " +
        `are always kept; at most ${STREAM_MAX_AGE_DAYS * 24} (the streams' max_age)`,
      default: "168",
      min: 1,
      max: STREAM_MAX_AGE_DAYS * 24,
    }),
    INBOX_RETENTION_DAYS: int({
      description:
        "days the inbox (processed_event) remembers an applied event so a redelivered copy is skipped; at least " +
        `${STREAM_MAX_AGE_DAYS + 5}: longer than the streams' max_age and any OUTBOX_RETENTION_HOURS`,
      default: "90",
      min: STREAM_MAX_AGE_DAYS + 5,
      max: 3650,
    }),
    SHUTDOWN_DELAY_MS: int({
      description: "time between readiness turning false and closing the server (endpoint propagation)",
      default: "0",
      min: 0,
      max: 60000,
    }),
    SHUTDOWN_TIMEOUT_MS: int({
      description: "hard limit for graceful shutdown",
      default: "25000",
      min: 1000,
      max: 120000,
    }),
  };
}

export type PlatformConfig = ConfigOf<ReturnType<typeof platformVariables>>;
