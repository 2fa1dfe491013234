import type { Tx } from "../db.ts";
import type { QuarterFigures } from "../domain/quarter-figures.ts";

/** One computed PCR: its `score_record` row, and what the partner row shows when it is the partner's latest. */
export interface ScoreRow {
  partnerId: string;
  revision: number;
  status: "pending" | "scored";
  score: number | null;
  previousScore: number | null;
  breakdown: unknown;
  badges: unknown;
  windowQuarter: string;
  responseCount: number;
  responsesNeeded: number;
  confidence: unknown;
  trigger: string;
  computedAt: Date;
  momentum: string | null;
}

/**
 * One statement for any number of computations: every history row, each partner's current score from its highest
 * revision among them, and the quarter figures given (upserted: responses are never removed, so no quarter ever
 * disappears).
 */
export async function saveScores(
  tx: Tx,
  scores: readonly ScoreRow[],
  quarters: readonly (QuarterFigures & { partnerId: string })[],
): Promise<void> {
  if (scores.length === 0 && quarters.length === 0) return;
  await tx.$executeRawUnsafe(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r("partnerId" text, revision int, status text, score float8,
         "previousScore" float8, breakdown jsonb, badges jsonb, "windowQuarter" text, "responseCount" int,
         "responsesNeeded" int, confidence jsonb, trigger text, "computedAt" timestamptz, momentum text)),
     history AS (
       INSERT INTO score_record (partner_id, revision, status, score, previous_score, breakdown, badges, window_quarter,
         response_count, responses_needed, confidence, trigger, computed_at)
       SELECT "partnerId", revision, status, score, "previousScore", breakdown, badges, "windowQuarter",
              "responseCount", "responsesNeeded", confidence, trigger, "computedAt"
         FROM input),
     quarters AS (
       INSERT INTO quarter_summary (partner_id, quarter, response_count, feedback, feedback_low, feedback_high,
         qualifies, momentum, momentum_change, nps_respondents, promoters, passives, detractors, nps, nps_low, nps_high)
       SELECT q.* FROM jsonb_to_recordset($2::jsonb) AS q("partnerId" text, quarter text, "responseCount" int,
         feedback float8, "feedbackLow" float8, "feedbackHigh" float8, qualifies boolean, momentum text,
         "momentumChange" float8, "npsRespondents" int, promoters int, passives int, detractors int, nps float8,
         "npsLow" float8, "npsHigh" float8)
       ORDER BY q."partnerId", q.quarter
       ON CONFLICT (partner_id, quarter) DO UPDATE SET response_count = EXCLUDED.response_count,
         feedback = EXCLUDED.feedback, feedback_low = EXCLUDED.feedback_low, feedback_high = EXCLUDED.feedback_high,
         qualifies = EXCLUDED.qualifies, momentum = EXCLUDED.momentum, momentum_change = EXCLUDED.momentum_change,
         nps_respondents = EXCLUDED.nps_respondents, promoters = EXCLUDED.promoters, passives = EXCLUDED.passives,
         detractors = EXCLUDED.detractors, nps = EXCLUDED.nps, nps_low = EXCLUDED.nps_low, nps_high = EXCLUDED.nps_high)
     UPDATE partner p SET revision = s.revision, pcr_status = s.status, score = s.score, momentum = s.momentum,
            badges = s.badges, computed_at = s."computedAt"
       FROM (SELECT DISTINCT ON ("partnerId") * FROM input ORDER BY "partnerId", revision DESC) s
      WHERE p.id = s."partnerId"`,
    JSON.stringify(scores),
    JSON.stringify(quarters),
  );
}
