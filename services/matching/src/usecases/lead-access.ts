import { NotFoundError, type Principal } from "@tpx/service-kit";
import type { Tx } from "../db.ts";
import type { MatchingDeps } from "../deps.ts";
import type { Lead } from "../generated/prisma/client.ts";
import { requireScope } from "./access.ts";

export type LeadSide = "partner" | "contractor" | "admin";

/**
 * A lead as the caller may see it: the partner user of the lead's partner, the lead's contractor, or an admin.
 * Anyone else gets 404, so lead ids of other pipelines cannot even be probed. `partnerOnly` refuses the contractor
 * side too (notes, value, stage changes are the partner's business).
 */
export async function leadFor(
  db: MatchingDeps["db"] | Tx,
  principal: Principal,
  leadId: string,
  options: { partnerOnly?: boolean; write?: boolean; lock?: boolean } = {},
): Promise<{ lead: Lead; side: LeadSide }> {
  const lead = options.lock
    ? (await db.$queryRawUnsafe<{ id: string }[]>("SELECT id::text FROM lead WHERE id = $1::uuid FOR UPDATE", leadId))
        .length > 0
      ? await db.lead.findUnique({ where: { id: leadId } })
      : null
    : await db.lead.findUnique({ where: { id: leadId } });
  const side = lead ? sideOf(principal, lead) : undefined;
  if (!lead || !side || (options.partnerOnly && side === "contractor")) throw new NotFoundError("The lead");
  if (side === "partner") requireScope(principal, options.write ? "leads:write" : "leads:read");
  return { lead, side };
}

function sideOf(principal: Principal, lead: Lead): LeadSide | undefined {
  if (principal.role === "admin") return "admin";
  if (principal.role === "partner" && principal.partnerId === lead.partnerId) return "partner";
  if (principal.role === "contractor" && principal.contractorId === lead.contractorId) return "contractor";
  return undefined;
}
