import { createHash } from "node:crypto";
import type { Logger } from "@tpx/observability";
import type { Redis } from "ioredis";

export interface CachedPage {
  status: number;
  body: string;
  contentType: string;
  etag: string;
  location?: string;
  /** Landing pages: the PCR revision the partner service showed (absent: it did not say). */
  pcrRevision?: number;
}

/** How long the newest PCR revision of a slug is remembered: far longer than the partner service takes to catch up. */
const PCR_REVISION_TTL_SECONDS = 86_400;

/** Raises the remembered revision, never lowers it (events may arrive out of order). */
const RAISE_REVISION = `local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 0`;

/** A page shows the newest PCR the gateway has heard of, or cannot say which it shows. */
function isCurrent(page: CachedPage, knownRevision: number): boolean {
  return page.pcrRevision === undefined || page.pcrRevision >= knownRevision;
}

export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/**
 * Rendered public pages in Redis for a short TTL. A landing page is dropped when its partner's PCR or profile
 * changes; directory pages and the sitemap live under a generation number that any change bumps, so every
 * filtered variant goes stale at once without enumerating keys. Redis trouble only means rendering again.
 *
 * `pcr.updated` reaches the gateway and the partner service (whose public API the page is rendered from) separately,
 * so the gateway may drop a page before the partner service has the new score. The newest PCR revision of each slug
 * is therefore remembered, and a landing page showing an older revision is neither cached nor served from the cache.
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

  private pcrRevisionKey(slug: string): string {
    return `${this.prefix}:pcr-rev:${slug}`;
  }

  private async listingKey(variant: string): Promise<string> {
    const generation = (await this.redis.get(`${this.prefix}:listing-gen`)) ?? "0";
    return `${this.prefix}:list:${generation}:${createHash("sha256").update(variant).digest("base64url")}`;
  }

  async landing(slug: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    if (this.ttlSeconds === 0) return render();
    let knownRevision = 0;
    let cacheable = true;
    try {
      const [hit, revision] = await this.redis.mget(this.landingKey(slug), this.pcrRevisionKey(slug));
      knownRevision = Number(revision ?? 0);
      const cached = hit ? (JSON.parse(hit) as CachedPage) : undefined;
      if (cached && isCurrent(cached, knownRevision)) return cached;
    } catch (error) {
      cacheable = false;
      this.logger.warn({ err: error }, "page cache unavailable: rendering");
    }
    const page = await render();
    if (cacheable && page.status < 500 && isCurrent(page, knownRevision)) {
      await this.redis.set(this.landingKey(slug), JSON.stringify(page), "EX", this.ttlSeconds).catch(() => undefined);
    }
    return page;
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

  /**
   * The partner's landing page (under each slug it had) and every listing go stale; with `pcrRevision` (from
   * `pcr.updated`) no landing page showing an older PCR is cached or served from now on.
   */
  async invalidatePartner(slugs: readonly string[], pcrRevision?: number): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const slug of slugs) {
      if (pcrRevision !== undefined) {
        pipeline.eval(RAISE_REVISION, 1, this.pcrRevisionKey(slug), pcrRevision, PCR_REVISION_TTL_SECONDS);
      }
      pipeline.del(this.landingKey(slug));
    }
    pipeline.incr(`${this.prefix}:listing-gen`);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }
}
