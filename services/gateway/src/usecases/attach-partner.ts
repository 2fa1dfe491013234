import type { Tx } from "../db.ts";

/**
 * `partner.registered`: the partner service created the draft partner for a partner user's sign-up. The owner gets
 * the partner id (tokens issued from now on carry it) and the slug is remembered for page-cache invalidation.
 */
export async function attachPartner(
  tx: Tx,
  input: { partnerId: string; slug: string; ownerUserId?: string | undefined },
): Promise<void> {
  if (input.ownerUserId) {
    await tx.user.updateMany({
      where: { id: input.ownerUserId, role: "PARTNER" },
      data: { partnerId: input.partnerId },
    });
  }
  await rememberPartnerSlug(tx, input.partnerId, input.slug);
}

export async function rememberPartnerSlug(tx: Tx, partnerId: string, slug: string): Promise<void> {
  await tx.partnerSlug.upsert({
    where: { partnerId },
    create: { partnerId, slug },
    update: { slug },
  });
}
