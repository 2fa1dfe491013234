import { partnerTierChangedV1, timestampFromDate } from "@tpx/contracts";
import { NotFoundError } from "@tpx/service-kit";
import type { Tx } from "../db.ts";
import type { PaymentTier } from "../domain/profile.ts";
import { loadPartner, loadPartnerForUpdate } from "../repositories/partner-record.ts";
import { type PartnerView, partnerView } from "./partner-view.ts";
import type { Actor } from "./support/actor.ts";
import { recordAudit } from "./support/audit.ts";
import type { Deps } from "./support/deps.ts";
import { protoTier } from "./support/events.ts";

/** An admin changes the payment tier; scoring recomputes the PCR from `partner.tier.changed`. Same tier: no-op. */
export async function changeTierIn(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  partnerId: string,
  tier: PaymentTier,
  reason?: string,
): Promise<PartnerView> {
  const loaded = await loadPartnerForUpdate(tx, partnerId);
  if (!loaded) throw new NotFoundError("The partner");
  const previous = loaded.state.paymentTier;
  if (previous !== tier) {
    const now = new Date();
    await tx.partner.update({ where: { id: partnerId }, data: { paymentTier: tier } });
    await recordAudit(tx, {
      partnerId,
      actor,
      action: "tier.change",
      before: { paymentTier: previous },
      after: { paymentTier: tier },
      reason: reason ?? null,
    });
    await deps.outbox.add(
      tx,
      partnerTierChangedV1,
      partnerTierChangedV1.create({
        partnerId,
        previousTier: protoTier(previous),
        tier: protoTier(tier),
        ...(reason ? { reason } : {}),
        ...(actor.userId ? { changedByUserId: actor.userId } : {}),
        changedAt: timestampFromDate(now),
      }),
      { subject: partnerId },
    );
  }
  return partnerView((await loadPartner(tx, partnerId))!);
}

export function changeTier(deps: Deps, actor: Actor, partnerId: string, tier: PaymentTier, reason?: string) {
  return deps.db.$transaction((tx) => changeTierIn(deps, tx, actor, partnerId, tier, reason));
}
