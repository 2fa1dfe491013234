import type { Redis } from "ioredis";

/**
 * Access tokens are short-lived but logout and password change must end them at once. Every user token carries its
 * session (refresh-token family) id; revoking a session puts its id on a Redis denylist for one access-token
 * lifetime. The gateway checks it on every authenticated request, so services behind it never see such a token.
 */
export class Revocations {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(redis: Redis, namespace: string, accessTokenTtlSeconds: number) {
    this.redis = redis;
    this.prefix = `${namespace}:gw:revoked-session`;
    this.ttlSeconds = accessTokenTtlSeconds;
  }

  async revokeSessions(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds) pipeline.set(`${this.prefix}:${id}`, "1", "EX", this.ttlSeconds + 60);
    await pipeline.exec();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}:${sessionId}`)) === 1;
  }
}
