/** How a testimonial's rating is grouped when choosing a representative sample. */
export type RatingBand = "positive" | "neutral" | "critical" | "unrated";

export interface TestimonialCandidate {
  id: string;
  rating: number | null;
  submittedAt: Date;
}

export function ratingBand(rating: number | null): RatingBand {
  if (rating === null) return "unrated";
  if (rating >= 70) return "positive";
  if (rating >= 40) return "neutral";
  return "critical";
}

/**
 * Picks up to `limit` testimonials whose mix of rating bands matches the mix of all consented comments (largest
 * remainder apportionment), newest first within a band, so a page never shows only the best comments. Any band that
 * exists gets at least one slot while slots remain, so critical voices are not rounded away.
 */
export function representativeSample<T extends TestimonialCandidate>(candidates: readonly T[], limit: number): T[] {
  if (candidates.length <= limit) return [...candidates].sort(newestFirst);
  const bands = new Map<RatingBand, T[]>();
  for (const candidate of candidates) {
    const band = ratingBand(candidate.rating);
    bands.set(band, [...(bands.get(band) ?? []), candidate]);
  }
  const entries = [...bands.entries()].map(([band, items]) => {
    const exact = (items.length / candidates.length) * limit;
    return { band, items: items.sort(newestFirst), slots: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  for (const entry of entries) if (entry.slots === 0) entry.slots = 1;
  let used = entries.reduce((sum, entry) => sum + entry.slots, 0);
  for (const entry of [...entries].sort((a, b) => b.remainder - a.remainder)) {
    if (used >= limit) break;
    if (entry.slots < entry.items.length) {
      entry.slots++;
      used++;
    }
  }
  while (used > limit) {
    const largest = entries.reduce((a, b) => (b.slots > a.slots ? b : a));
    largest.slots--;
    used--;
  }
  return entries.flatMap((entry) => entry.items.slice(0, entry.slots)).sort(newestFirst);
}

function newestFirst(a: TestimonialCandidate, b: TestimonialCandidate): number {
  return b.submittedAt.getTime() - a.submittedAt.getTime() || a.id.localeCompare(b.id);
}
