import type { Tx } from "../db.ts";
import type { QuarterScores } from "../domain/window.ts";
import { PARTNER_ROW_COLUMNS, type PartnerRow } from "./partner.repository.ts";

export interface ResponseFact {
  quarter: string;
  score: number;
  npsValue: number | null;
}

/** A stored rated response: what the PCR and the quarter summaries are computed from. */
export interface RatedResponse extends ResponseFact {
  responseId: string;
  partnerId: string;
}

/** A response as scoring stores it (one `feedback_response` row and its `category_score` rows). */
export interface ResponseRow {
  responseId: string;
  partnerId: string;
  campaignId: string;
  quarter: string;
  audience: string;
  score: number | null;
  ratedAnswers: number;
  npsValue: number | null;
  comment: string | null;
  consentToPublish: boolean;
  sentimentScore: number | null;
  sentimentLabel: string | null;
  submittedAt: Date;
  categories: readonly { category: string; score: number; answers: number }[];
}

/**
 * Stores responses whose id is not known yet, with their category scores, and locks the partners of those it stored,
 * in one statement; returns each locked partner with the ids of its responses stored. Responses are inserted in
 * response-id order and partners locked in id order, so two replicas with overlapping batches wait, not deadlock.
 * The ids must be distinct.
 */
export async function storeResponses(
  tx: Tx,
  rows: readonly ResponseRow[],
): Promise<Map<string, { partner: PartnerRow; stored: string[] }>> {
  if (rows.length === 0) return new Map();
  const locked = await tx.$queryRawUnsafe<(PartnerRow & { stored: string[] })[]>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r("responseId" text, "partnerId" text, "campaignId" text,
         quarter text, audience text, score float8, "ratedAnswers" int, "npsValue" float8, comment text,
         "consentToPublish" boolean, "sentimentScore" float8, "sentimentLabel" text, "submittedAt" timestamptz,
         categories jsonb)),
     inserted AS (
       INSERT INTO feedback_response (response_id, partner_id, campaign_id, quarter, audience, score, rated_answers,
         nps_value, comment, consent_to_publish, sentiment_score, sentiment_label, submitted_at)
       SELECT "responseId", "partnerId", "campaignId", quarter, audience, score, "ratedAnswers", "npsValue", comment,
              "consentToPublish", "sentimentScore", "sentimentLabel", "submittedAt"
         FROM input ORDER BY "responseId"
       ON CONFLICT (response_id) DO NOTHING RETURNING response_id, partner_id),
     categories AS (
       INSERT INTO category_score (response_id, category, partner_id, quarter, audience, score, answers)
       SELECT i."responseId", c.category, i."partnerId", i.quarter, i.audience, c.score, c.answers
         FROM inserted JOIN input i ON i."responseId" = inserted.response_id,
              jsonb_to_recordset(i.categories) AS c(category text, score float8, answers int)
       RETURNING 1),
     locked AS (
       INSERT INTO partner (id) SELECT DISTINCT partner_id FROM inserted ORDER BY partner_id
       ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id
       RETURNING ${PARTNER_ROW_COLUMNS})
     SELECT locked.*, ARRAY(SELECT response_id FROM inserted WHERE partner_id = locked.id) AS stored FROM locked`,
    JSON.stringify(rows),
  );
  return new Map(locked.map(({ stored, ...partner }) => [partner.id, { partner, stored }]));
}

/** The rated responses of the given partners, each partner's in response-id order (the order they are summed in). */
export async function loadRatedResponses(tx: Tx, partnerIds: readonly string[]): Promise<Map<string, RatedResponse[]>> {
  // Raw SQL on the hot path: it runs once per consumer batch (see bench/scoring-recompute.ts).
  const rows = await tx.$queryRawUnsafe<RatedResponse[]>(
    `SELECT response_id AS "responseId", partner_id AS "partnerId", quarter, score, nps_value AS "npsValue"
       FROM feedback_response
      WHERE partner_id = ANY($1::text[]) AND score IS NOT NULL ORDER BY partner_id, response_id`,
    [...partnerIds],
  );
  const byPartner = new Map<string, RatedResponse[]>(partnerIds.map((id) => [id, []]));
  for (const row of rows) byPartner.get(row.partnerId)?.push(row);
  return byPartner;
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
