import { bool, type ConfigOf, defineConfig, int, optional, platformVariables, str, url } from "@tpx/service-kit";

const serviceUrl = (name: string, port: number) =>
  url({
    description: `base URL of the ${name} service`,
    protocols: ["http", "https"],
    default: `http://127.0.0.1:${port}`,
  });

/** Every variable the gateway service reads; the only place that looks at process.env. */
export const configSpec = defineConfig({
  ...platformVariables({ defaultPort: 8080 }),
  PARTNER_URL: serviceUrl("partner", 8081),
  SURVEY_URL: serviceUrl("survey", 8082),
  SCORING_URL: serviceUrl("scoring", 8083),
  MATCHING_URL: serviceUrl("matching", 8084),
  NOTIFICATION_URL: serviceUrl("notification", 8085),
  PUBLIC_BASE_URL: url({
    description: "public origin of the platform, used for canonical links, sitemap.xml and cookies",
    protocols: ["http", "https"],
    default: "http://localhost:8080",
  }),
  CORS_ORIGINS: str({
    description: "comma-separated portal origins allowed to call the API from a browser (credentials included)",
    default: "http://localhost:5173",
  }),
  TRUSTED_PROXY_COUNT: int({
    description:
      "proxies in front of the gateway whose X-Forwarded-For entries are trusted (0: use the socket address)",
    default: "0",
    min: 0,
    max: 10,
  }),
  BODY_LIMIT_BYTES: int({ description: "largest request body accepted", default: "1048576", min: 1024 }),
  UPSTREAM_TIMEOUT_MS: int({
    description: "how long a proxied service may take to send its response headers",
    default: "10000",
    min: 100,
  }),
  UPSTREAM_CONNECT_TIMEOUT_MS: int({
    description: "how long to wait for a connection to a service before answering 503",
    default: "1000",
    min: 50,
  }),
  UPSTREAM_CONNECTIONS: int({ description: "keep-alive connections per service", default: "64", min: 1 }),
  ACCESS_TOKEN_TTL_SECONDS: int({ description: "lifetime of access tokens", default: "600", min: 30, max: 3600 }),
  REFRESH_TOKEN_TTL_DAYS: int({ description: "lifetime of a refresh token chain", default: "30", min: 1, max: 365 }),
  REFRESH_REUSE_GRACE_SECONDS: int({
    description: "a just-rotated refresh token still works this long (a retried concurrent refresh)",
    default: "10",
    min: 0,
    max: 60,
  }),
  SIGNING_KEY_ROTATION_HOURS: int({
    description: "age after which a new token signing key takes over",
    default: "168",
    min: 1,
  }),
  SIGNING_KEY_SECRET: str({
    description: "secret that encrypts the token signing keys at rest (32+ characters)",
    default: "development-only-signing-key-secret-change-me",
    pattern: /^.{32,}$/,
    secret: true,
  }),
  PASSWORD_HASH_CONCURRENCY: int({
    description: "argon2id hashes computed at once (each holds 19 MiB); more wait",
    default: "4",
    min: 1,
    max: 64,
  }),
  LOGIN_LOCKOUT_THRESHOLD: int({
    description: "consecutive failed logins that lock an account for LOGIN_LOCKOUT_MINUTES",
    default: "10",
    min: 3,
  }),
  LOGIN_LOCKOUT_MINUTES: int({ description: "how long a locked account stays locked", default: "15", min: 1 }),
  ADMIN_EMAIL: optional(str({ description: "e-mail of the first admin, created at start when no admin exists" })),
  ADMIN_PASSWORD: optional(str({ description: "password of the first admin (12+ characters)", secret: true })),
  RATE_LIMIT_REDIS_URL: optional(
    url({ description: "Redis for rate-limit counters (defaults to REDIS_URL)", protocols: ["redis", "rediss"] }),
  ),
  RATE_LIMIT_API_PER_MINUTE: int({
    description: "requests per minute per user or API key on /api",
    default: "600",
    min: 1,
  }),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: int({
    description: "requests per minute per client IP without credentials (API and public pages)",
    default: "300",
    min: 1,
  }),
  RATE_LIMIT_LOGIN_PER_MINUTE: int({
    description: "login and sign-up attempts per minute per IP",
    default: "10",
    min: 1,
  }),
  RATE_LIMIT_SURVEY_SUBMIT_PER_MINUTE: int({
    description: "survey submissions per minute per IP",
    default: "20",
    min: 1,
  }),
  RATE_LIMIT_SURVEY_LINK_PER_HOUR: int({
    description: "submission attempts per hour per survey link",
    default: "5",
    min: 1,
  }),
  PAGE_CACHE_TTL_SECONDS: int({ description: "how long rendered public pages stay in Redis", default: "60", min: 0 }),
  DEV_MAILBOX: bool({
    description: "proxy /dev/mailbox to the notification service (never in production)",
    default: "true",
  }),
});

export type Config = ConfigOf<typeof configSpec.variables>;
