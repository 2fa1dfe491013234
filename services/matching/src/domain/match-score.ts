import { NATIONAL } from "./regions.ts";
import { adjacentRevenueTiers } from "./revenue-tiers.ts";

/**
 * The matching score of SPEC section 5: a weighted sum of four components, each in [0, 1].
 *
 * - focus (0.60): share of the contractor's focus areas the partner serves, |C ∩ P| / |C|.
 * - revenue (0.20): 1 when the partner serves the contractor's revenue band, 0.5 when it serves a band next to it
 *   (one step up or down the catalogue), 0 otherwise; 0.5 when the partner states no bands (no evidence either way).
 * - geography (0.10): 1 when the partner serves the contractor's state, 0.8 when it is a national partner (serves
 *   everyone, but one working in the contractor's state is the closer fit), 0 when it serves only other states;
 *   0.5 when the partner states no regions.
 * - capability (0.10): share of the capabilities the contractor needs that the partner offers; 1 when the contractor
 *   states no needs (nothing it asked for is missing).
 *
 * Confidence says how much of the score rests on stated data rather than the neutral defaults above:
 * 0.85 × (sum of the weights of components computed from data both sides stated) + 0.15 when the partner has a PCR.
 */
export const ALGORITHM_VERSION = "weighted-2026.11-v1";

export const WEIGHTS = { focus: 0.6, revenue: 0.2, geography: 0.1, capability: 0.1 } as const;
export const NATIONAL_FIT = 0.8;
export const ADJACENT_TIER_FIT = 0.5;
/** Component value when the partner said nothing about that dimension. */
export const UNSTATED_FIT = 0.5;
const EVIDENCE_SHARE = 0.85;
const PCR_SHARE = 0.15;

export type ComponentName = keyof typeof WEIGHTS;
export type Components = Record<ComponentName, number>;

/** What the contractor is looking for, with sets built once per run. */
export interface ContractorNeeds {
  focusAreas: ReadonlySet<string>;
  revenueTier: string;
  /** US state code. */
  state: string;
  capabilitiesNeeded: ReadonlySet<string>;
}

/** What a partner offers (regions already normalized, see regions.ts). */
export interface PartnerOffer {
  focusAreas: ReadonlySet<string>;
  revenueTiers: ReadonlySet<string>;
  serviceRegions: ReadonlySet<string>;
  capabilities: ReadonlySet<string>;
  pcrScore: number | null;
}

export interface MatchScore {
  /** Weighted sum, 4 decimals, in [0, 1]. */
  score: number;
  components: Components;
  /** In [0, 1], 2 decimals. */
  confidence: number;
  reasons: string[];
}

export function focusFit(needs: ContractorNeeds, offer: PartnerOffer): number {
  if (needs.focusAreas.size === 0) return 0;
  return countShared(needs.focusAreas, offer.focusAreas) / needs.focusAreas.size;
}

export function revenueFit(needs: ContractorNeeds, offer: PartnerOffer): number {
  if (offer.revenueTiers.size === 0) return UNSTATED_FIT;
  if (offer.revenueTiers.has(needs.revenueTier)) return 1;
  for (const tier of adjacentRevenueTiers(needs.revenueTier)) {
    if (offer.revenueTiers.has(tier)) return ADJACENT_TIER_FIT;
  }
  return 0;
}

export function geographyFit(needs: ContractorNeeds, offer: PartnerOffer): number {
  if (offer.serviceRegions.size === 0) return UNSTATED_FIT;
  if (offer.serviceRegions.has(needs.state)) return 1;
  return offer.serviceRegions.has(NATIONAL) ? NATIONAL_FIT : 0;
}

export function capabilityFit(needs: ContractorNeeds, offer: PartnerOffer): number {
  if (needs.capabilitiesNeeded.size === 0) return 1;
  return countShared(needs.capabilitiesNeeded, offer.capabilities) / needs.capabilitiesNeeded.size;
}

export function weightedScore(components: Components): number {
  const sum =
    WEIGHTS.focus * components.focus +
    WEIGHTS.revenue * components.revenue +
    WEIGHTS.geography * components.geography +
    WEIGHTS.capability * components.capability;
  return clamp01(round(sum, 4));
}

export function confidenceOf(needs: ContractorNeeds, offer: PartnerOffer): number {
  let evidence = WEIGHTS.focus;
  if (offer.revenueTiers.size > 0) evidence += WEIGHTS.revenue;
  if (offer.serviceRegions.size > 0) evidence += WEIGHTS.geography;
  if (needs.capabilitiesNeeded.size > 0 && offer.capabilities.size > 0) evidence += WEIGHTS.capability;
  return clamp01(round(EVIDENCE_SHARE * evidence + (offer.pcrScore === null ? 0 : PCR_SHARE), 2));
}

/** Components and score only: what ranking needs, without building reason strings. */
export function componentsOf(needs: ContractorNeeds, offer: PartnerOffer): Components {
  return {
    focus: focusFit(needs, offer),
    revenue: revenueFit(needs, offer),
    geography: geographyFit(needs, offer),
    capability: capabilityFit(needs, offer),
  };
}

export function scoreMatch(needs: ContractorNeeds, offer: PartnerOffer, describe: Describe): MatchScore {
  const components = componentsOf(needs, offer);
  return {
    score: weightedScore(components),
    components,
    confidence: confidenceOf(needs, offer),
    reasons: describe(needs, offer, components),
  };
}

export type Describe = (needs: ContractorNeeds, offer: PartnerOffer, components: Components) => string[];

export function countShared(wanted: ReadonlySet<string>, offered: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of wanted) if (offered.has(item)) shared++;
  return shared;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
