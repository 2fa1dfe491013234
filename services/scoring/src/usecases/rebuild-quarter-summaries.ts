import type { Tx } from "../db.ts";
import { meanInterval } from "../domain/confidence.ts";
import { npsSummary } from "../domain/nps.ts";
import { momentumOf } from "../domain/pcr-formula.ts";
import { mean } from "../domain/rounding.ts";
import { qualifyingPairs } from "../domain/window.ts";
import { groupByQuarter, type ResponseFact } from "../repositories/response.repository.ts";

/**
 * Rewrites the partner's per-quarter figures (responses, feedback and its interval, NPS, momentum against the
 * previous qualifying quarter) from its stored responses, so they always agree with the responses and replay
 * rebuilds them exactly.
 */
export async function rebuildQuarterSummaries(
  tx: Tx,
  partnerId: string,
  responses: readonly ResponseFact[],
  responsesNeeded: number,
): Promise<void> {
  const quarters = groupByQuarter(responses);
  const momentum = new Map(
    qualifyingPairs(quarters, responsesNeeded).map(({ quarter, previous }) => {
      const feedback = mean(quarter.scores);
      const previousFeedback = previous ? mean(previous.scores) : undefined;
      const change = previousFeedback === undefined ? null : feedback - previousFeedback;
      return [quarter.quarter, { label: momentumOf(feedback, previousFeedback), change }] as const;
    }),
  );
  const rows = quarters.map(({ quarter, scores, nps }) => {
    const interval = meanInterval(scores);
    const promoterScore = npsSummary(nps);
    return {
      quarter,
      response_count: scores.length,
      feedback: interval.mean,
      feedback_low: interval.low,
      feedback_high: interval.high,
      qualifies: scores.length >= responsesNeeded,
      momentum: momentum.get(quarter)?.label ?? null,
      momentum_change: momentum.get(quarter)?.change ?? null,
      nps_respondents: promoterScore?.respondents ?? 0,
      promoters: promoterScore?.promoters ?? 0,
      passives: promoterScore?.passives ?? 0,
      detractors: promoterScore?.detractors ?? 0,
      nps: promoterScore?.nps ?? null,
      nps_low: promoterScore?.low ?? null,
      nps_high: promoterScore?.high ?? null,
    };
  });
  // One upsert for all quarters (responses are never removed, so no quarter ever disappears).
  await tx.$executeRawUnsafe(
    `INSERT INTO quarter_summary (partner_id, quarter, response_count, feedback, feedback_low, feedback_high, qualifies,
       momentum, momentum_change, nps_respondents, promoters, passives, detractors, nps, nps_low, nps_high)
     SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb) AS r(quarter text, response_count int, feedback float8,
       feedback_low float8, feedback_high float8, qualifies boolean, momentum text, momentum_change float8,
       nps_respondents int, promoters int, passives int, detractors int, nps float8, nps_low float8, nps_high float8)
     ON CONFLICT (partner_id, quarter) DO UPDATE SET response_count = EXCLUDED.response_count,
       feedback = EXCLUDED.feedback, feedback_low = EXCLUDED.feedback_low, feedback_high = EXCLUDED.feedback_high,
       qualifies = EXCLUDED.qualifies, momentum = EXCLUDED.momentum, momentum_change = EXCLUDED.momentum_change,
       nps_respondents = EXCLUDED.nps_respondents, promoters = EXCLUDED.promoters, passives = EXCLUDED.passives,
       detractors = EXCLUDED.detractors, nps = EXCLUDED.nps, nps_low = EXCLUDED.nps_low, nps_high = EXCLUDED.nps_high`,
    partnerId,
    JSON.stringify(rows),
  );
}
