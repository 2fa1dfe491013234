import { PartnerStatus as ProtoPartnerStatus, partnerStatusChangedV1, timestampFromDate } from "@tpx/contracts";
import { NotFoundError } from "@tpx/service-kit";
import type { Tx } from "../db.ts";
import { isPublic } from "../domain/lifecycle.ts";
import { loadPartnerForUpdate } from "../repositories/partner-record.ts";
import { partnerView } from "./partner-view.ts";
import type { Actor } from "./support/actor.ts";
import { recordAudit } from "./support/audit.ts";
import type { Deps } from "./support/deps.ts";
import { protoStatus } from "./support/events.ts";

/**
 * An admin deletes a partner. The audit entry keeps the full record (before) so the deletion stays explainable. A
 * listed partner first announces INACTIVE, so matching and survey stop using it (there is no deletion event).
 */
export async function deletePartnerIn(deps: Deps, tx: Tx, actor: Actor, partnerId: string): Promise<void> {
  const loaded = await loadPartnerForUpdate(tx, partnerId);
  if (!loaded) throw new NotFoundError("The partner");
  await recordAudit(tx, { partnerId, actor, action: "delete", before: partnerView(loaded), after: null });
  if (isPublic(loaded.state.status)) {
    await deps.outbox.add(
      tx,
      partnerStatusChangedV1,
      partnerStatusChangedV1.create({
        partnerId,
        previousStatus: protoStatus(loaded.state.status),
        status: ProtoPartnerStatus.INACTIVE,
        reason: "deleted",
        ...(actor.userId ? { changedByUserId: actor.userId } : {}),
        changedAt: timestampFromDate(new Date()),
      }),
      { subject: partnerId },
    );
  }
  await tx.partner.delete({ where: { id: partnerId } });
}

export function deletePartner(deps: Deps, actor: Actor, partnerId: string) {
  return deps.db.$transaction((tx) => deletePartnerIn(deps, tx, actor, partnerId));
}
