import { partnerApprovedV1, timestampFromDate } from "@tpx/contracts";
import { NotFoundError, ValidationError } from "@tpx/service-kit";
import type { Tx } from "../db.ts";
import type { PartnerStatus } from "../domain/lifecycle.ts";
import { loadPartner, loadPartnerForUpdate } from "../repositories/partner-record.ts";
import { type PartnerView, partnerView } from "./partner-view.ts";
import type { Actor } from "./support/actor.ts";
import type { Deps } from "./support/deps.ts";
import { transition } from "./support/transition.ts";

const ACTION_OF: Partial<Record<PartnerStatus, string>> = {
  APPROVED: "approve",
  REJECTED: "reject",
  ACTIVE: "activate",
  INACTIVE: "deactivate",
};

/** An admin's lifecycle decision inside `tx`: approve (publishes the page), reject (reason required), (de)activate. */
export async function changeStatusIn(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  partnerId: string,
  to: PartnerStatus,
  reason?: string,
): Promise<PartnerView> {
  const loaded = await loadPartnerForUpdate(tx, partnerId);
  if (!loaded) throw new NotFoundError("The partner");
  if (to === "REJECTED" && !reason?.trim()) {
    throw new ValidationError([{ field: "body.reason", message: "is required to reject a partner" }]);
  }
  const now = new Date();
  const approving = to === "APPROVED";
  await transition(deps, tx, {
    partnerId,
    from: loaded.state.status,
    to,
    actor,
    action: ACTION_OF[to] ?? "status",
    reason: reason?.trim(),
    at: now,
    extra: {
      ...(approving && loaded.row.approvedAt === null ? { approvedAt: now } : {}),
      ...(to === "REJECTED" ? { rejectionReason: reason?.trim() } : {}),
    },
  });
  if (approving) {
    await deps.outbox.add(
      tx,
      partnerApprovedV1,
      partnerApprovedV1.create({
        partnerId,
        slug: loaded.state.slug,
        approvedByUserId: actor.userId ?? "system",
        approvedAt: timestampFromDate(now),
      }),
      { subject: partnerId },
    );
  }
  return partnerView((await loadPartner(tx, partnerId))!);
}

export function changeStatus(deps: Deps, actor: Actor, partnerId: string, to: PartnerStatus, reason?: string) {
  return deps.db.$transaction((tx) => changeStatusIn(deps, tx, actor, partnerId, to, reason));
}
