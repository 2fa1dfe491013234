import { Redis } from "ioredis";

/**
 * The rate limiter's own Redis connection. No offline queue: while Redis is unreachable a command fails at once, so
 * a fail-open route does not wait and a fail-closed route answers 503 right away. Auto-pipelining sends the counters
 * of all requests that arrived in one event-loop turn with one write: one syscall per turn instead of per request.
 */
export function createRateLimitRedis(url: string): Redis {
  return new Redis(url, {
    connectionName: "gateway-rate-limit",
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

/** Resolves once connected, or after `timeoutMs` (the limiter then follows each rule's fail mode). */
export function whenReady(redis: Redis, timeoutMs = 2_000): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done() {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    }
    redis.once("ready", done);
  });
}
