import { partnerProfileUpdatedV1, pcrUpdatedV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import type { PageCache } from "../pages/page-cache.ts";
import { invalidatePartnerPages } from "../usecases/invalidate-partner-pages.ts";

/** A new PCR changes the landing page and the directory: drop them from the page cache. */
export function pcrUpdatedConsumer(cache: PageCache) {
  return defineConsumer<Tx, ReturnType<typeof pcrUpdatedV1.create>>({
    contract: pcrUpdatedV1,
    handle: (tx, event) =>
      invalidatePartnerPages(tx, cache, { partnerId: event.data.partnerId, pcrRevision: event.data.revision }),
  });
}

/** A profile change (maybe a new slug) changes the same pages. */
export function partnerProfileUpdatedConsumer(cache: PageCache) {
  return defineConsumer<Tx, ReturnType<typeof partnerProfileUpdatedV1.create>>({
    contract: partnerProfileUpdatedV1,
    handle: (tx, event) =>
      invalidatePartnerPages(tx, cache, { partnerId: event.data.partnerId, slug: event.data.slug }),
  });
}
