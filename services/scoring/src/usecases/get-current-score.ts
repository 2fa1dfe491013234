import { NotFoundError } from "@tpx/service-kit";
import type { Db } from "../db.ts";
import type { Badge } from "../domain/badges.ts";
import type { ScoreConfidence } from "../domain/confidence.ts";
import type { PcrBreakdown } from "../domain/pcr-formula.ts";
import { standingsOf } from "../repositories/ranking.repository.ts";
import { optionalRound, presentBreakdown, presentConfidence } from "./present.ts";

/** The partner's current PCR with its breakdown, rank among active partners and confidence. */
export async function getCurrentScore(db: Db, partnerId: string) {
  const partner = await db.partner.findUnique({ where: { id: partnerId } });
  if (!partner) throw new NotFoundError("The partner");
  const latest =
    partner.revision > 0
      ? await db.scoreRecord.findUnique({ where: { partnerId_revision: { partnerId, revision: partner.revision } } })
      : null;
  const windowSummary = latest
    ? await db.quarterSummary.findUnique({ where: { partnerId_quarter: { partnerId, quarter: latest.windowQuarter } } })
    : null;
  const ranked = partner.status === "ACTIVE" && partner.pcrStatus === "scored" && partner.score !== null;
  const standings = ranked ? await standingsOf(db, partner.score as number, partner.focusAreas) : null;
  const breakdown = latest?.breakdown as PcrBreakdown | null | undefined;
  const confidence = latest?.confidence as ScoreConfidence | null | undefined;
  return {
    partnerId,
    status: partner.pcrStatus,
    score: partner.score,
    momentum: partner.momentum,
    badges: partner.badges as unknown as Badge[],
    tier: partner.tier,
    profileCompletion: partner.profileCompletion,
    revision: partner.revision,
    computedAt: partner.computedAt?.toISOString() ?? null,
    window: latest
      ? { quarter: latest.windowQuarter, responseCount: latest.responseCount, responsesNeeded: latest.responsesNeeded }
      : null,
    pending:
      partner.pcrStatus === "scored" || !latest ? null : { have: latest.responseCount, need: latest.responsesNeeded },
    breakdown: breakdown ? presentBreakdown(breakdown) : null,
    confidence: confidence
      ? {
          ...presentConfidence(confidence),
          nps:
            windowSummary && windowSummary.nps !== null
              ? {
                  value: optionalRound(windowSummary.nps),
                  low: optionalRound(windowSummary.npsLow),
                  high: optionalRound(windowSummary.npsHigh),
                  respondents: windowSummary.npsRespondents,
                }
              : null,
        }
      : null,
    rank: standings,
  };
}
