import type { PartnerProfileUpdated, PartnerRegistered, UserRegistered } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import { withSlash } from "../providers/index.ts";
import { enqueueMessage } from "./enqueue-message.ts";

/** Remembers the user's address (for approval, report and webhook notices later) and welcomes them. */
export async function welcomeUser(
  deps: Deps,
  tx: Tx,
  cause: { eventId: string; eventType: string },
  data: UserRegistered,
): Promise<void> {
  const contact = { email: data.email, displayName: data.displayName ?? null };
  await tx.contact.upsert({
    where: { userId: data.userId },
    create: { userId: data.userId, ...contact },
    update: contact,
  });
  await enqueueMessage(deps, tx, {
    dedupeKey: `${cause.eventId}:email`,
    channel: "email",
    recipient: data.email,
    template: "welcome",
    variables: {
      name: data.displayName ?? data.email,
      companyName: data.companyName,
      portalUrl: withSlash(deps.config.PUBLIC_BASE_URL),
    },
    partnerId: data.partnerId,
    cause,
  });
}

/** Remembers who owns the partner, so messages about it reach its owner. */
export async function recordPartner(_deps: Deps, tx: Tx, data: PartnerRegistered): Promise<void> {
  const partner = { ownerUserId: data.ownerUserId ?? null, companyName: data.companyName, slug: data.slug };
  await tx.partnerContact.upsert({
    where: { partnerId: data.partnerId },
    create: { partnerId: data.partnerId, ...partner },
    update: partner,
  });
}

/**
 * A partner renamed during onboarding gets a new slug: report e-mails must link its page under the new one (the old
 * slug of a partner not yet published leads nowhere). Only a partner already known is updated: creating the row here
 * would leave it without its owner.
 */
export async function recordPartnerProfile(tx: Tx, data: PartnerProfileUpdated): Promise<void> {
  await tx.partnerContact.updateMany({
    where: { partnerId: data.partnerId },
    data: { companyName: data.companyName, slug: data.slug },
  });
}

/** The owner of a partner with an address we know, or undefined (admin-created partner, user not seen yet). */
export async function partnerOwner(tx: Tx, partnerId: string) {
  const partner = await tx.partnerContact.findUnique({ where: { partnerId } });
  if (!partner?.ownerUserId) return undefined;
  const contact = await tx.contact.findUnique({ where: { userId: partner.ownerUserId } });
  return contact ? { partner, contact } : undefined;
}
