import { NotFoundError } from "@tpx/service-kit";
import type { Db } from "../db.ts";
import type { Badge } from "../domain/badges.ts";
import type { PcrBreakdown } from "../domain/pcr-formula.ts";
import { compareQuarters } from "../domain/quarter.ts";
import { optionalRound, presentBreakdown } from "./present.ts";

/** Every computed score (newest first, pageable by revision) and the figures of every quarter (oldest first). */
export async function getScoreHistory(db: Db, partnerId: string, page: { limit: number; beforeRevision?: number }) {
  const partner = await db.partner.findUnique({ where: { id: partnerId }, select: { id: true } });
  if (!partner) throw new NotFoundError("The partner");
  const records = await db.scoreRecord.findMany({
    where: { partnerId, ...(page.beforeRevision ? { revision: { lt: page.beforeRevision } } : {}) },
    orderBy: { revision: "desc" },
    take: page.limit,
  });
  const quarters = await db.quarterSummary.findMany({ where: { partnerId } });
  const last = records.at(-1);
  return {
    scores: records.map((record) => ({
      revision: record.revision,
      status: record.status,
      score: record.score,
      previousScore: record.previousScore,
      trigger: record.trigger,
      window: {
        quarter: record.windowQuarter,
        responseCount: record.responseCount,
        responsesNeeded: record.responsesNeeded,
      },
      breakdown: record.breakdown ? presentBreakdown(record.breakdown as unknown as PcrBreakdown) : null,
      badges: record.badges as unknown as Badge[],
      computedAt: record.computedAt.toISOString(),
    })),
    nextBeforeRevision: records.length === page.limit && last && last.revision > 1 ? last.revision : null,
    quarters: quarters
      .sort((a, b) => compareQuarters(a.quarter, b.quarter))
      .map((quarter) => ({
        quarter: quarter.quarter,
        responseCount: quarter.responseCount,
        qualifies: quarter.qualifies,
        feedback: optionalRound(quarter.feedback),
        feedbackLow: optionalRound(quarter.feedbackLow),
        feedbackHigh: optionalRound(quarter.feedbackHigh),
        momentum: quarter.momentum,
        momentumChange: optionalRound(quarter.momentumChange),
        nps: optionalRound(quarter.nps),
      })),
  };
}
