import { type PartnerApproved, PcrStatus, PcrTrigger, type PcrUpdated } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import { withSlash } from "../providers/index.ts";
import { enqueueMessage } from "./enqueue-message.ts";
import { partnerOwner } from "./record-contacts.ts";

type Cause = { eventId: string; eventType: string };

/**
 * The approval e-mail to the partner's owner. Partners an admin created have no owner: nothing to send. When the
 * partner or its owner's address is not known yet (their events travel on other streams and may still be on the
 * way) this throws, so the event is retried and, if they never come, ends in the dead-letter store.
 */
export async function sendApprovalEmail(deps: Deps, tx: Tx, cause: Cause, data: PartnerApproved): Promise<void> {
  const partner = await tx.partnerContact.findUnique({ where: { partnerId: data.partnerId } });
  if (partner && !partner.ownerUserId) {
    deps.logger.info({ partnerId: data.partnerId }, "approval e-mail skipped: the partner has no owner");
    return;
  }
  const owner = await partnerOwner(tx, data.partnerId);
  if (!owner) throw new Error(`partner ${data.partnerId} or its owner's address is not known yet`);
  await enqueueMessage(deps, tx, {
    dedupeKey: `${cause.eventId}:email`,
    channel: "email",
    recipient: owner.contact.email,
    template: "partner_approved",
    variables: {
      name: owner.contact.displayName ?? owner.contact.email,
      companyName: owner.partner.companyName,
      pageUrl: new URL(`pcr/${data.slug}`, withSlash(deps.config.PUBLIC_BASE_URL)).toString(),
    },
    partnerId: data.partnerId,
    cause,
  });
}

/** Recomputations that are not news to the partner: a replay after a formula fix changes nothing they did. */
const QUIET_TRIGGERS = new Set<PcrTrigger>([PcrTrigger.REPLAY, PcrTrigger.UNSPECIFIED]);

/**
 * The report mailing: the partner's owner hears about a first PCR or a change of at least one point, not about every
 * recomputation.
 */
export async function sendReportEmail(deps: Deps, tx: Tx, cause: Cause, data: PcrUpdated): Promise<void> {
  if (data.status !== PcrStatus.SCORED || data.score === undefined || QUIET_TRIGGERS.has(data.trigger)) return;
  if (data.previousScore !== undefined && Math.abs(data.score - data.previousScore) < 1) return;
  const owner = await partnerOwner(tx, data.partnerId);
  if (!owner) return;
  await enqueueMessage(deps, tx, {
    dedupeKey: `pcr:${data.partnerId}:${data.revision}:email`,
    channel: "email",
    recipient: owner.contact.email,
    template: "report",
    variables: {
      name: owner.contact.displayName ?? owner.contact.email,
      companyName: owner.partner.companyName,
      score: data.score.toFixed(2),
      previousScore: data.previousScore?.toFixed(2),
      reportUrl: new URL(`pcr/${owner.partner.slug}`, withSlash(deps.config.PUBLIC_BASE_URL)).toString(),
    },
    partnerId: data.partnerId,
    cause,
  });
}
