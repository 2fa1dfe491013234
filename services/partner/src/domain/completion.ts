import { MAX_VIDEOS, REFERENCES_PER_AUDIENCE } from "./catalog.ts";
import type { PartnerProfile } from "./profile.ts";

/**
 * The profile completion rule (documented in services/partner/README.md). Each item has a weight; the weights sum to
 * 100. A single value counts fully when present. A list counts in proportion to how full it is, up to its target
 * (3 capabilities, 5 videos, 5 + 5 references), so 2 of 5 videos earn 2/5 of the videos' weight.
 */
export const COMPLETION_ITEMS = [
  { field: "companyName", weight: 5, target: 1 },
  { field: "website", weight: 5, target: 1 },
  { field: "description", weight: 10, target: 1 },
  { field: "logoUrl", weight: 5, target: 1 },
  { field: "contactEmail", weight: 5, target: 1 },
  { field: "contactPhone", weight: 5, target: 1 },
  { field: "address", weight: 5, target: 1 },
  { field: "capabilities", weight: 10, target: 3 },
  { field: "focusAreas", weight: 10, target: 1 },
  { field: "revenueTiers", weight: 5, target: 1 },
  { field: "serviceRegions", weight: 5, target: 1 },
  { field: "videos", weight: 10, target: MAX_VIDEOS },
  { field: "customerReferences", weight: 10, target: REFERENCES_PER_AUDIENCE },
  { field: "employeeReferences", weight: 10, target: REFERENCES_PER_AUDIENCE },
] as const satisfies readonly { field: keyof PartnerProfile; weight: number; target: number }[];

export interface MissingItem {
  field: string;
  have: number;
  need: number;
}

export interface Completion {
  /** 0–100, an integer. */
  percent: number;
  missing: MissingItem[];
}

function countOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value === "string") return value.trim() === "" ? 0 : 1;
  return value === null || value === undefined ? 0 : 1;
}

export function computeCompletion(profile: PartnerProfile): Completion {
  let points = 0;
  const missing: MissingItem[] = [];
  for (const item of COMPLETION_ITEMS) {
    const have = Math.min(countOf(profile[item.field]), item.target);
    points += (item.weight * have) / item.target;
    if (have < item.target) missing.push({ field: item.field, have, need: item.target });
  }
  return { percent: Math.round(points), missing };
}
