import { randomUUID } from "node:crypto";
import { leadMessageSentV1, timestampFromDate } from "@tpx/contracts";
import { ForbiddenError, type Principal } from "@tpx/service-kit";
import { leadPartyValue } from "../consumers/event-values.ts";
import type { MatchingDeps } from "../deps.ts";
import { leadFor } from "./lead-access.ts";

/**
 * A message between the lead's partner and its contractor. The text stays here; `lead.message.sent` (ids only) lets
 * the notification service tell the other side. Admins can read threads but not write in them.
 */
export async function sendLeadMessage(
  deps: MatchingDeps,
  principal: Principal,
  input: { leadId: string; body: string },
) {
  return deps.db.$transaction(async (tx) => {
    const { lead, side } = await leadFor(tx, principal, input.leadId, { write: true });
    if (side === "admin")
      throw new ForbiddenError("Only the partner and the contractor of a lead write in its thread.");
    const message = await tx.leadMessage.create({
      data: {
        id: randomUUID(),
        leadId: lead.id,
        sender: side,
        authorUserId: principal.userId,
        body: input.body.trim(),
      },
    });
    await deps.outbox.add(
      tx,
      leadMessageSentV1,
      leadMessageSentV1.create({
        messageId: message.id,
        leadId: lead.id,
        partnerId: lead.partnerId,
        contractorId: lead.contractorId,
        sender: leadPartyValue(side),
        sentAt: timestampFromDate(message.createdAt),
      }),
      { subject: lead.id },
    );
    return message;
  });
}

export async function listLeadMessages(deps: MatchingDeps, principal: Principal, leadId: string) {
  const { lead } = await leadFor(deps.db, principal, leadId);
  return deps.db.leadMessage.findMany({ where: { leadId: lead.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
