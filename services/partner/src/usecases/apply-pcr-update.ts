import { Momentum, PcrStatus, type PcrUpdated, timestampDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";

const MOMENTUM: Record<number, "hot" | "stable" | "declining"> = {
  [Momentum.HOT]: "hot",
  [Momentum.STABLE]: "stable",
  [Momentum.DECLINING]: "declining",
};

/**
 * Keeps the public model's PCR current from `pcr.updated`. Updates carry a revision: an older or equal one (late or
 * redelivered) never overwrites a newer one. Unknown partners (deleted here) are ignored.
 */
export async function applyPcrUpdate(tx: Tx, event: PcrUpdated): Promise<"applied" | "stale" | "unknown-partner"> {
  const partner = await tx.partner.findUnique({ where: { id: event.partnerId }, select: { id: true } });
  if (!partner) return "unknown-partner";
  const current = await tx.partnerScore.findUnique({
    where: { partnerId: event.partnerId },
    select: { revision: true },
  });
  if (current && current.revision >= event.revision) return "stale";
  const scored = event.status === PcrStatus.SCORED && event.score !== undefined && event.breakdown !== undefined;
  const b = event.breakdown;
  const data = {
    status: scored ? "scored" : "pending",
    score: scored ? event.score : null,
    breakdown: (scored && b
      ? {
          profile: b.profileScore,
          feedback: b.feedbackScore,
          base: b.baseScore,
          payment: b.paymentPoints,
          momentumPoints: b.momentumPoints,
          final: b.finalScore,
        }
      : undefined) as Prisma.InputJsonValue | undefined,
    confidence: (scored && event.confidence
      ? { low: event.confidence.low, high: event.confidence.high, provisional: event.confidence.provisional }
      : undefined) as Prisma.InputJsonValue | undefined,
    badges: event.badges.map((badge) => badge.code),
    momentum: (b && MOMENTUM[b.momentum]) ?? "stable",
    responseCount: event.window?.responseCount ?? 0,
    responsesNeeded: event.window?.responsesNeeded ?? 5,
    computedAt: event.computedAt ? timestampDate(event.computedAt) : new Date(),
    revision: event.revision,
  };
  await tx.partnerScore.upsert({
    where: { partnerId: event.partnerId },
    create: { partnerId: event.partnerId, ...data },
    update: {
      ...data,
      breakdown: data.breakdown ?? Prisma.DbNull,
      confidence: data.confidence ?? Prisma.DbNull,
    },
  });
  await tx.partner.update({ where: { id: event.partnerId }, data: { pcrScore: scored ? event.score : null } });
  return "applied";
}
