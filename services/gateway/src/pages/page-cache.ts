import { createHash } from "node:crypto";
import type { Logger } from "@tpx/observability";
import type { Redis } from "ioredis";

export interface CachedPage {
  status: number;
  body: string;
  contentType: string;
  etag: string;
  location?: string;
}

export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/**
 * Rendered public pages in Redis for a short TTL. A landing page is dropped when its partner's PCR or profile
 * changes; directory pages and the sitemap live under a generation number that any change bumps, so every
 * filtered variant goes stale at once without enumerating keys. Redis trouble only means rendering again.
 */
export class PageCache {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly logger: Logger;

  constructor(redis: Redis, namespace: string, ttlSeconds: number, logger: Logger) {
    this.redis = redis;
    this.prefix = `${namespace}:gw:page`;
    this.ttlSeconds = ttlSeconds;
    this.logger = logger;
  }

  private landingKey(slug: string): string {
    return `${this.prefix}:pcr:${slug}`;
  }

  private async listingKey(variant: string): Promise<string> {
    const generation = (await this.redis.get(`${this.prefix}:listing-gen`)) ?? "0";
    return `${this.prefix}:list:${generation}:${createHash("sha256").update(variant).digest("base64url")}`;
  }

  async landing(slug: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    return this.through(() => Promise.resolve(this.landingKey(slug)), render);
  }

  async listing(variant: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    return this.through(() => this.listingKey(variant), render);
  }

  private async through(key: () => Promise<string>, render: () => Promise<CachedPage>): Promise<CachedPage> {
    if (this.ttlSeconds === 0) return render();
    let cacheKey: string | undefined;
    try {
      cacheKey = await key();
      const hit = await this.redis.get(cacheKey);
      if (hit) return JSON.parse(hit) as CachedPage;
    } catch (error) {
      this.logger.warn({ err: error }, "page cache unavailable: rendering");
    }
    const page = await render();
    // errors of the partner service are not cached; a 404 is (briefly), it is an answer
    if (cacheKey && page.status < 500) {
      await this.redis.set(cacheKey, JSON.stringify(page), "EX", this.ttlSeconds).catch(() => undefined);
    }
    return page;
  }

  /** The partner's landing page (under each slug it had) and every listing go stale. */
  async invalidatePartner(slugs: readonly string[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const slug of slugs) pipeline.del(this.landingKey(slug));
    pipeline.incr(`${this.prefix}:listing-gen`);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }
}
