/**
 * Contractor revenue bands, smallest first. Adjacency (one band apart) is what the revenue-tier fit rewards with half
 * credit, so the order matters. Partners describe the bands they serve with the same keys; a partner key outside this
 * list can still match exactly but is never adjacent to anything.
 */
export const REVENUE_TIERS = ["under-1m", "1m-5m", "5m-10m", "10m-25m", "25m-50m", "50m-100m", "100m-plus"] as const;

export type RevenueTier = (typeof REVENUE_TIERS)[number];

export function isRevenueTier(value: string): value is RevenueTier {
  return (REVENUE_TIERS as readonly string[]).includes(value);
}

/** The bands one step above and below (none for a key outside the catalogue). */
export function adjacentRevenueTiers(tier: string): readonly string[] {
  const index = REVENUE_TIERS.indexOf(tier as RevenueTier);
  if (index < 0) return [];
  return REVENUE_TIERS.filter((_, other) => Math.abs(other - index) === 1);
}
