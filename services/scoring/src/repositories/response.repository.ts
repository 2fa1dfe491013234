import type { Tx } from "../db.ts";
import type { QuarterScores } from "../domain/window.ts";

export interface ResponseFact {
  quarter: string;
  score: number;
  npsValue: number | null;
}

/** The rated responses of a partner: what the PCR and the quarter summaries are computed from. */
export async function loadRatedResponses(tx: Tx, partnerId: string): Promise<ResponseFact[]> {
  // Raw SQL on the hot path: it runs once per response consumed (see bench/scoring-recompute.ts).
  return tx.$queryRawUnsafe<ResponseFact[]>(
    `SELECT quarter, score, nps_value AS "npsValue" FROM feedback_response
      WHERE partner_id = $1 AND score IS NOT NULL ORDER BY response_id`,
    partnerId,
  );
}

export function groupByQuarter(responses: readonly ResponseFact[]): (QuarterScores & { nps: number[] })[] {
  const quarters = new Map<string, { scores: number[]; nps: number[] }>();
  for (const response of responses) {
    const entry = quarters.get(response.quarter) ?? { scores: [], nps: [] };
    entry.scores.push(response.score);
    if (response.npsValue !== null) entry.nps.push(response.npsValue);
    quarters.set(response.quarter, entry);
  }
  return [...quarters].map(([quarter, entry]) => ({ quarter, ...entry }));
}
