import type { Tx } from "../db.ts";
import type { PageCache } from "../pages/page-cache.ts";
import { rememberPartnerSlug } from "./attach-partner.ts";

/**
 * Drops a partner's cached pages. Events carry the partner id; the slug comes from the event when it has one, else
 * from what partner events told us. The old slug is dropped too when it changed. A PCR's revision is remembered so a
 * page still showing an older one is not cached again (see PageCache). Redis failing throws, so the event
 * is redelivered rather than a stale page surviving.
 */
export async function invalidatePartnerPages(
  tx: Tx,
  cache: PageCache,
  input: { partnerId: string; slug?: string | undefined; pcrRevision?: number },
): Promise<void> {
  const known = await tx.partnerSlug.findUnique({ where: { partnerId: input.partnerId } });
  if (input.slug && input.slug !== known?.slug) await rememberPartnerSlug(tx, input.partnerId, input.slug);
  const slugs = [...new Set([known?.slug, input.slug].filter((slug): slug is string => Boolean(slug)))];
  await cache.invalidatePartner(slugs, input.pcrRevision);
}
