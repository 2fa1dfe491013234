import cookie from "@fastify/cookie";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import {
  type BackgroundTask,
  buildServer,
  type HttpServer,
  type Platform,
  registerDeadLetterRoutes,
  registerOpenApiDocument,
} from "@tpx/service-kit";
import type { Config } from "./config.ts";
import type { Db, Tx } from "./db.ts";
import type { GatewayDeps } from "./deps.ts";
import { PageCache } from "./pages/page-cache.ts";
import { PartnerDirectoryClient } from "./pages/partner-client.ts";
import { closeUpstreams, createUpstreams } from "./proxy/upstreams.ts";
import { limitHook } from "./rate-limit/limiter.ts";
import { createRateLimitRedis, whenReady } from "./rate-limit/redis.ts";
import { limitRules } from "./rate-limit/rules.ts";
import { adminUserRoutes } from "./routes/admin-users/index.ts";
import { apiKeyRoutes } from "./routes/api-keys/index.ts";
import { AUTH_PREFIX, authRoutes } from "./routes/auth/index.ts";
import type { RouteContext } from "./routes/context.ts";
import { docsRoutes } from "./routes/docs/index.ts";
import { pageRoutes } from "./routes/pages/index.ts";
import { proxyRoutes } from "./routes/proxy/index.ts";
import { jwksRoutes } from "./routes/well-known/index.ts";
import { AccessTokens } from "./security/access-tokens.ts";
import { ApiKeyAuthenticator } from "./security/api-key-authenticator.ts";
import { registerGatewayAuthentication } from "./security/authenticate.ts";
import { PasswordHasher } from "./security/password-hasher.ts";
import { Revocations } from "./security/revocations.ts";
import { SecretBox } from "./security/secret-box.ts";
import { registerSecurityHeaders } from "./security/security-headers.ts";
import { SigningKeyring } from "./security/signing-keys.ts";

export type ServicePlatform = Platform<Tx, Db>;

export interface Gateway {
  app: HttpServer;
  deps: GatewayDeps;
  pageCache: PageCache;
}

/** The gateway's own deps: token keys (loaded, rotated when due), hashing, revocations. */
export async function createGatewayDeps(platform: ServicePlatform, config: Config): Promise<GatewayDeps> {
  if (!platform.redis) throw new Error("the gateway needs Redis (useRedis: true)");
  const keyring = new SigningKeyring({
    db: platform.db,
    box: new SecretBox(config.SIGNING_KEY_SECRET),
    rotationHours: config.SIGNING_KEY_ROTATION_HOURS,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    logger: platform.logger.child({ component: "keyring" }),
  });
  await keyring.refresh();
  return {
    config,
    db: platform.db,
    outbox: platform.outbox,
    logger: platform.logger,
    hasher: new PasswordHasher(config.PASSWORD_HASH_CONCURRENCY),
    keyring,
    tokens: new AccessTokens(keyring, config.ACCESS_TOKEN_TTL_SECONDS),
    revocations: new Revocations(platform.redis, config.EVENT_NAMESPACE, config.ACCESS_TOKEN_TTL_SECONDS),
  };
}

export function createPageCache(platform: ServicePlatform, config: Config): PageCache {
  if (!platform.redis) throw new Error("the gateway needs Redis (useRedis: true)");
  return new PageCache(platform.redis, config.EVENT_NAMESPACE, config.PAGE_CACHE_TTL_SECONDS, platform.logger);
}

function trustedHops(count: number): ((address: string, hop: number) => boolean) | false {
  return count > 0 ? (_address, hop) => hop < count : false;
}

/** The gateway service's HTTP app: the public edge (identity, tokens, API keys, rate limits, routing, pages). */
export async function buildApp(
  platform: ServicePlatform,
  deps: GatewayDeps,
  pageCache = createPageCache(platform, deps.config),
): Promise<Gateway> {
  const { config } = deps;
  const app = buildServer({
    logger: platform.logger,
    readiness: platform.readiness,
    metrics: platform.metrics,
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestLogging: "completed",
    // fastify 5.12 treats a bare hop count as "trust nothing"; a function restores the classic meaning: the socket
    // peer and the next N-1 X-Forwarded-For entries are our proxies, the entry after them is the client
    trustProxy: trustedHops(config.TRUSTED_PROXY_COUNT),
  });
  registerOpenApiDocument(app, "gateway");
  const apiKeys = new ApiKeyAuthenticator(platform.db, deps.tokens);
  registerGatewayAuthentication(app, {
    tokens: deps.tokens,
    apiKeys,
    revocations: deps.revocations,
    logger: platform.logger,
  });
  registerDeadLetterRoutes(app, platform.deadLetters);

  const corsOrigins = config.CORS_ORIGINS.split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  await app.register(cookie);
  await registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "https:", "data:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: "same-site" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true, preload: true },
  });
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && corsOrigins.includes(origin)),
    credentials: true,
    methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowedHeaders: ["authorization", "content-type", "x-csrf-token", "x-request-id", "traceparent", "idempotency-key"],
    exposedHeaders: ["x-request-id", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"],
    maxAge: 600,
  });
  const limiterRedis = createRateLimitRedis(config.RATE_LIMIT_REDIS_URL ?? config.REDIS_URL);
  limiterRedis.on("error", () => undefined); // each rule decides; connection errors are visible in readiness
  await whenReady(limiterRedis);
  await app.register(rateLimit, { global: false, redis: limiterRedis, nameSpace: `${config.EVENT_NAMESPACE}:gw:rl:` });

  const rules = limitRules(config);
  const upstreams = createUpstreams(config);
  const partnerUpstream = upstreams.get("partner");
  if (!partnerUpstream) throw new Error("no partner upstream");
  const context: RouteContext = {
    deps,
    apiKeys,
    upstreams,
    limits: {
      api: limitHook(app, rules.api),
      pages: limitHook(app, rules.pages),
      credentials: limitHook(app, rules.credentials),
      surveySubmit: limitHook(app, rules.surveySubmit),
    },
    pageCache,
    partners: new PartnerDirectoryClient(partnerUpstream.pool),
    corsOrigins,
  };

  await app.register(jwksRoutes(deps.keyring));
  await app.register(authRoutes(context), { prefix: AUTH_PREFIX });
  await app.register(apiKeyRoutes(context), { prefix: "/api/gateway/api-keys" });
  await app.register(adminUserRoutes(context), { prefix: "/api/gateway/admin/users" });
  await app.register(pageRoutes(context));
  await app.register(docsRoutes(context));
  await app.register(proxyRoutes(context));

  // closed with the HTTP server (also in tests), after in-flight requests finished
  const closers: BackgroundTask[] = [
    { name: "keyring", stop: () => deps.keyring.stop() },
    { name: "upstreams", stop: () => closeUpstreams(upstreams) },
    { name: "rate-limit-redis", stop: async () => limiterRedis.disconnect() },
  ];
  app.addHook("onClose", async () => {
    for (const closer of closers) await closer.stop();
  });
  return { app, deps, pageCache };
}
