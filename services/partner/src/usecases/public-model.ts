import type { Tx } from "../db.ts";
import type { PartnerState } from "../domain/profile.ts";
import { type PcrSnapshot, type PublicTestimonial, publicProfile } from "../domain/public-profile.ts";
import { representativeSample } from "../domain/testimonials.ts";

/** How many testimonials a public page shows. */
export const TESTIMONIALS_SHOWN = 6;

export async function pcrSnapshot(tx: Tx, partnerId: string): Promise<PcrSnapshot | null> {
  const score = await tx.partnerScore.findUnique({ where: { partnerId } });
  if (!score) return null;
  return {
    status: score.status === "scored" ? "scored" : "pending",
    score: score.score === null ? null : Number(score.score),
    breakdown: score.breakdown as PcrSnapshot["breakdown"],
    confidence: score.confidence as PcrSnapshot["confidence"],
    badges: score.badges,
    momentum: score.momentum as PcrSnapshot["momentum"],
    responseCount: score.responseCount,
    responsesNeeded: score.responsesNeeded,
    computedAt: score.computedAt,
    revision: score.revision,
  };
}

/** A representative sample of the consented comments (see domain/testimonials.ts). */
export async function shownTestimonials(tx: Tx, partnerId: string): Promise<PublicTestimonial[]> {
  const rows = await tx.testimonial.findMany({ where: { partnerId }, orderBy: { submittedAt: "desc" }, take: 500 });
  return representativeSample(rows, TESTIMONIALS_SHOWN).map((row) => ({
    text: row.text,
    audience: row.audience,
    quarter: row.quarter,
    rating: row.rating,
  }));
}

export async function buildPublicProfile(tx: Tx, state: PartnerState, approvedAt: Date | null) {
  return publicProfile(
    { ...state, approvedAt },
    await pcrSnapshot(tx, state.id),
    await shownTestimonials(tx, state.id),
  );
}
