import type { Principal } from "@tpx/service-kit";
import type { MatchingDeps } from "../deps.ts";
import { allowedNextStages, type LeadStageName } from "../domain/lead-pipeline.ts";
import { leadFor } from "./lead-access.ts";

/**
 * A lead seen from its partner (everything, including the contractor's profile and the stage history) or from its
 * contractor (which partner, where it stands; no value, no notes).
 */
export async function getLead(deps: MatchingDeps, principal: Principal, leadId: string) {
  const { lead, side } = await leadFor(deps.db, principal, leadId);
  const partner = await deps.db.matchPartner.findUnique({
    where: { id: lead.partnerId },
    select: { slug: true, companyName: true },
  });
  const base = {
    id: lead.id,
    partnerId: lead.partnerId,
    partner: { slug: partner?.slug ?? "", companyName: partner?.companyName ?? "" },
    contractorId: lead.contractorId,
    matchId: lead.matchId,
    status: lead.status as LeadStageName,
    createdAt: lead.createdAt,
  };
  if (side === "contractor") return base;
  const [contractor, stages] = await Promise.all([
    deps.db.contractor.findUnique({ where: { id: lead.contractorId } }),
    deps.db.leadStageVisit.findMany({ where: { leadId: lead.id }, orderBy: { enteredAt: "asc" } }),
  ]);
  return {
    ...base,
    allowedNext: allowedNextStages(lead.status as LeadStageName),
    value: lead.value,
    stageEnteredAt: lead.stageEnteredAt,
    closedAt: lead.closedAt,
    contractor: contractor && {
      companyName: contractor.companyName,
      revenueTier: contractor.revenueTier,
      state: contractor.state,
      focusAreas: contractor.focusAreas,
      goals: contractor.goals,
      capabilitiesNeeded: contractor.capabilitiesNeeded,
      contactName: contractor.contactName,
      contactEmail: contractor.contactEmail,
      contactPhone: contractor.contactPhone,
    },
    stages: stages.map((visit) => ({ stage: visit.stage, enteredAt: visit.enteredAt, leftAt: visit.leftAt })),
  };
}

/** The contractor's threads: every partner that has the contractor in its pipeline. */
export async function listContractorLeads(deps: MatchingDeps, contractorId: string) {
  const leads = await deps.db.lead.findMany({
    where: { contractorId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const partners = await deps.db.matchPartner.findMany({
    where: { id: { in: leads.map((lead) => lead.partnerId) } },
    select: { id: true, slug: true, companyName: true },
  });
  const names = new Map(partners.map((partner) => [partner.id, partner]));
  return leads.map((lead) => ({
    id: lead.id,
    partnerId: lead.partnerId,
    partner: { slug: names.get(lead.partnerId)?.slug ?? "", companyName: names.get(lead.partnerId)?.companyName ?? "" },
    contractorId: lead.contractorId,
    matchId: lead.matchId,
    status: lead.status as LeadStageName,
    createdAt: lead.createdAt,
  }));
}
