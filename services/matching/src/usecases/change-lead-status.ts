import { leadStatusChangedV1, timestampFromDate } from "@tpx/contracts";
import { ConflictError, type Principal } from "@tpx/service-kit";
import { leadStatusValue } from "../consumers/event-values.ts";
import type { MatchingDeps } from "../deps.ts";
import { allowedNextStages, canMove, isClosed, type LeadStageName } from "../domain/lead-pipeline.ts";
import { leadFor } from "./lead-access.ts";

/**
 * Moves a lead one allowed step in the partner's pipeline. The lead row is locked so two concurrent moves cannot both
 * start from the same stage; the stage visit closes and a new one opens, and `lead.status_changed` goes out with it.
 */
export async function changeLeadStatus(
  deps: MatchingDeps,
  principal: Principal,
  input: { leadId: string; status: LeadStageName },
) {
  return deps.db.$transaction(async (tx) => {
    const { lead } = await leadFor(tx, principal, input.leadId, { partnerOnly: true, write: true, lock: true });
    const from = lead.status as LeadStageName;
    if (!canMove(from, input.status)) {
      const allowed = allowedNextStages(from);
      throw new ConflictError(
        "LEAD_TRANSITION_NOT_ALLOWED",
        `A lead cannot move from ${from} to ${input.status}; allowed: ${allowed.length ? allowed.join(", ") : "none (closed)"}.`,
        { from, to: input.status, allowed },
      );
    }
    const now = new Date();
    await tx.leadStageVisit.updateMany({ where: { leadId: lead.id, leftAt: null }, data: { leftAt: now } });
    await tx.leadStageVisit.create({
      data: {
        leadId: lead.id,
        partnerId: lead.partnerId,
        stage: input.status,
        enteredAt: now,
        leftAt: isClosed(input.status) ? now : null,
        changedByUserId: principal.userId,
      },
    });
    const updated = await tx.lead.update({
      where: { id: lead.id },
      data: { status: input.status, stageEnteredAt: now, closedAt: isClosed(input.status) ? now : null },
    });
    await deps.outbox.add(
      tx,
      leadStatusChangedV1,
      leadStatusChangedV1.create({
        leadId: lead.id,
        partnerId: lead.partnerId,
        contractorId: lead.contractorId,
        matchId: lead.matchId,
        previousStatus: leadStatusValue(from),
        status: leadStatusValue(input.status),
        changedByUserId: principal.userId,
        changedAt: timestampFromDate(now),
      }),
      { subject: lead.partnerId },
    );
    return updated;
  });
}
