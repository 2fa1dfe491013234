import { randomBytes } from "node:crypto";
import { createLogger } from "@tpx/observability";
import { Redis } from "ioredis";
import t from "tap";
import { type CachedPage, etagOf, PageCache } from "../../src/pages/page-cache.ts";

// pcr.updated reaches the gateway and the partner service separately: the gateway may drop a landing page before the
// partner service (which the page is rendered from) has the new score. A page behind the newest revision must then
// be neither cached nor served from the cache, or the old score stays up for the whole TTL.

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true });
const namespace = `t_${randomBytes(6).toString("hex")}`;
t.teardown(async () => {
  const keys = await redis.keys(`${namespace}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});
const cache = new PageCache(redis, namespace, 300, createLogger({ service: "gateway-test", level: "silent" }));

function landing(revision: number): CachedPage {
  const body = `<p id="pcr-score">revision ${revision}</p>`;
  return { status: 200, body, contentType: "text/html", etag: etagOf(body), pcrRevision: revision };
}

/** Serves the slug's landing page through the cache; counts how often it had to be rendered. */
function servedBy(slug: string) {
  let renders = 0;
  return {
    get renders() {
      return renders;
    },
    fetch: (page: CachedPage) =>
      cache.landing(slug, async () => {
        renders += 1;
        return page;
      }),
  };
}

t.test("a page behind the newest PCR revision is served but not cached", async (t) => {
  const slug = "behind-co";
  await cache.invalidatePartner([slug], 3);
  const served = servedBy(slug);
  t.equal((await served.fetch(landing(2))).pcrRevision, 2, "the partner service's page as it is now");
  await served.fetch(landing(2));
  t.equal(served.renders, 2, "rendered again: the partner service has not caught up yet");
  await served.fetch(landing(3));
  await served.fetch(landing(3));
  t.equal(served.renders, 3, "once it shows revision 3 it is cached");
});

t.test("a stale page cached by a render that raced the invalidation is not served", async (t) => {
  const slug = "racing-co";
  await cache.invalidatePartner([slug], 1);
  const served = servedBy(slug);
  // the render reads revision 1, the invalidation for revision 2 lands before the page is written
  await cache.landing(slug, async () => {
    await cache.invalidatePartner([slug], 2);
    return landing(1);
  });
  t.equal((await served.fetch(landing(2))).pcrRevision, 2, "the cached revision-1 page is skipped");
  t.equal(served.renders, 1);
});

t.test("revisions only move forward, and pages that do not say are cached as before", async (t) => {
  const slug = "ordered-co";
  await cache.invalidatePartner([slug], 5);
  await cache.invalidatePartner([slug], 4);
  const served = servedBy(slug);
  await served.fetch(landing(4));
  await served.fetch(landing(4));
  t.equal(served.renders, 2, "a late revision 4 did not lower the bar from 5");

  const plain = servedBy("plain-co");
  const { pcrRevision: _none, ...page } = landing(0);
  await plain.fetch(page);
  await plain.fetch(page);
  t.equal(plain.renders, 1, "a page without a revision is cached");
});
