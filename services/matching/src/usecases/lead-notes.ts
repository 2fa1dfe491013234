import { randomUUID } from "node:crypto";
import type { Principal } from "@tpx/service-kit";
import type { MatchingDeps } from "../deps.ts";
import { leadFor } from "./lead-access.ts";

/** Notes are the partner's private record of a lead; the contractor never sees them. */
export async function addLeadNote(deps: MatchingDeps, principal: Principal, input: { leadId: string; body: string }) {
  const { lead } = await leadFor(deps.db, principal, input.leadId, { partnerOnly: true, write: true });
  return deps.db.leadNote.create({
    data: { id: randomUUID(), leadId: lead.id, authorUserId: principal.userId, body: input.body.trim() },
  });
}

export async function listLeadNotes(deps: MatchingDeps, principal: Principal, leadId: string) {
  const { lead } = await leadFor(deps.db, principal, leadId, { partnerOnly: true });
  return deps.db.leadNote.findMany({ where: { leadId: lead.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** The expected deal value, in whole dollars; null clears it. */
export async function setLeadValue(
  deps: MatchingDeps,
  principal: Principal,
  input: { leadId: string; value: number | null },
) {
  const { lead } = await leadFor(deps.db, principal, input.leadId, { partnerOnly: true, write: true });
  return deps.db.lead.update({ where: { id: lead.id }, data: { value: input.value } });
}
