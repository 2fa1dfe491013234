import { describeMatch } from "../domain/match-reasons.ts";
import type { Components, ContractorNeeds } from "../domain/match-score.ts";
import { componentsOf, confidenceOf } from "../domain/match-score.ts";
import type { PartnerIndex } from "../matcher/partner-index.ts";

export interface ContractorMatchInputs {
  revenueTier: string;
  state: string;
  focusAreas: string[];
  capabilitiesNeeded: string[];
}

export interface RankedCandidate {
  partnerId: string;
  slug: string;
  companyName: string;
  rank: number;
  score: number;
  confidence: number;
  components: Components;
  reasons: string[];
  pcrScore: number | null;
}

export function needsOf(contractor: ContractorMatchInputs): ContractorNeeds {
  return {
    focusAreas: new Set(contractor.focusAreas),
    revenueTier: contractor.revenueTier,
    state: contractor.state,
    capabilitiesNeeded: new Set(contractor.capabilitiesNeeded),
  };
}

/** The top `limit` partners with reasons and confidence; reasons are only built for the partners shown. */
export function rankPartners(
  index: PartnerIndex,
  contractor: ContractorMatchInputs,
  limit: number,
): { candidates: RankedCandidate[]; eligible: number } {
  const needs = needsOf(contractor);
  const { ranked, eligible } = index.top(needs, limit);
  const candidates = ranked.map(({ partner, score }, position) => {
    const components = componentsOf(needs, partner);
    return {
      partnerId: partner.id,
      slug: partner.slug,
      companyName: partner.companyName,
      rank: position + 1,
      score,
      confidence: confidenceOf(needs, partner),
      components,
      reasons: describeMatch(needs, partner, components),
      pcrScore: partner.pcrScore,
    };
  });
  return { candidates, eligible };
}
