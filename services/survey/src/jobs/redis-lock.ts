import type { Redis } from "ioredis";

/**
 * A Redis lock (`SET key owner NX PX ttl`, released by compare-and-delete) that keeps replicas from doing the same
 * scheduled work twice. It is only an efficiency measure: a holder paused past the TTL keeps running, so
 * correctness comes from the database (unique run rows, fencing, unique campaign keys).
 */
export type LockOutcome = "acquired" | "held" | "unavailable";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export async function acquireLock(redis: Redis | undefined, key: string, owner: string, ttlMs: number) {
  if (!redis) return "unavailable" satisfies LockOutcome;
  try {
    const result = await redis.set(key, owner, "PX", ttlMs, "NX");
    return (result === "OK" ? "acquired" : "held") satisfies LockOutcome;
  } catch {
    return "unavailable" satisfies LockOutcome;
  }
}

export async function extendLock(redis: Redis | undefined, key: string, owner: string, ttlMs: number): Promise<void> {
  await redis?.eval(EXTEND, 1, key, owner, String(ttlMs)).catch(() => undefined);
}

export async function releaseLock(redis: Redis | undefined, key: string, owner: string): Promise<void> {
  await redis?.eval(RELEASE, 1, key, owner).catch(() => undefined);
}
