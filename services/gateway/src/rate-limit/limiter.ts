import { createHash } from "node:crypto";
import type { HttpServer } from "@tpx/service-kit";
import { HttpProblem } from "@tpx/service-kit";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * One rate-limit rule. `failMode` says what happens while Redis cannot be asked: "open" lets requests through
 * (reads and pages: an outage of the limiter must not become an outage of the site), "closed" refuses them with
 * 503 (login, sign-up and survey submission: the flows an attacker would hammer during exactly that outage).
 */
export interface LimitRule {
  name: string;
  max: number;
  windowMs: number;
  failMode: "open" | "closed";
  /** The bucket a request counts against; undefined skips this rule for the request. */
  key(request: FastifyRequest): string | undefined;
}

export class RateLimitedError extends HttpProblem {
  override name = "RateLimitedError";
  constructor(rule: string, retryAfterSeconds: number) {
    super(429, "RATE_LIMITED", "Too many requests", "Slow down and retry after the time in Retry-After.", {
      limit: rule,
      retryAfterSeconds,
    });
  }
}

export type LimitHook = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void;

/**
 * A hook that counts the request against every given rule (each its own bucket) and refuses on the first exceeded.
 * Each count is one EVALSHA of @fastify/rate-limit's Redis store (INCR, PEXPIRE on the first hit, PTTL). Callback
 * style: on the proxy's hot path every promise costs, as the tracing context follows each one.
 */
export function limitHook(app: HttpServer, rules: LimitRule[]): LimitHook {
  const checks = rules.map((rule) => ({
    rule,
    check: app.createRateLimit({
      max: rule.max,
      timeWindow: rule.windowMs,
      skipOnError: false,
      keyGenerator: (request) => `${rule.name}:${rule.key(request) ?? "none"}`,
    }),
  }));
  return (request, reply, done) => {
    const next = (index: number): void => {
      let entry = checks[index];
      while (entry && entry.rule.key(request) === undefined) entry = checks[++index];
      if (!entry) {
        done();
        return;
      }
      const { rule, check } = entry;
      check(request).then(
        (result) => {
          if (result.isAllowed) {
            next(index + 1);
            return;
          }
          reply.header("x-ratelimit-limit", result.max);
          reply.header("x-ratelimit-remaining", result.remaining);
          reply.header("x-ratelimit-reset", result.ttlInSeconds);
          if (!result.isExceeded) {
            next(index + 1);
            return;
          }
          reply.header("retry-after", result.ttlInSeconds);
          done(new RateLimitedError(rule.name, result.ttlInSeconds));
        },
        (error: unknown) => {
          if (rule.failMode === "open") {
            request.log.warn({ err: error, rule: rule.name }, "rate limiter unavailable: failing open");
            next(index + 1);
            return;
          }
          reply.header("retry-after", "5");
          done(new HttpProblem(503, "RATE_LIMITER_UNAVAILABLE", "Service unavailable", "Try again in a few seconds."));
        },
      );
    };
    next(0);
  };
}

/** Survey tokens are capabilities: buckets are keyed by their hash, never the token itself. */
export function hashed(value: string): string {
  return createHash("sha256").update(value).digest("base64url").slice(0, 22);
}
