import { QuestionType, type ResponseRecorded, timestampDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import { rateResponse } from "../domain/rating.ts";
import { sentimentOf } from "../domain/sentiment.ts";
import { answerKindFromWire, audienceFromWire } from "../events/wire-values.ts";
import type { ScoringDeps } from "./deps.ts";
import { recomputePcr } from "./recompute-pcr.ts";

/** The respondent's own words: the closing comment and any free-text answers (never who wrote them). */
function commentOf(data: ResponseRecorded): string | undefined {
  const texts = [
    data.comment,
    ...data.answers.filter((answer) => answer.type === QuestionType.TEXT).map((answer) => answer.textValue),
  ]
    .map((text) => text?.trim())
    .filter((text): text is string => Boolean(text));
  return texts.length > 0 ? texts.join("\n") : undefined;
}

/**
 * Stores one response keyed by its response id and recomputes the partner's PCR. A response id seen before (a
 * re-published event with a new event id, say) changes nothing and publishes nothing.
 */
export async function recordResponse(
  deps: ScoringDeps,
  tx: Tx,
  data: ResponseRecorded,
): Promise<"recorded" | "duplicate"> {
  const rating = rateResponse(
    data.answers.map((answer) => ({
      category: answer.category,
      kind: answerKindFromWire(answer.type),
      value: answer.numericValue,
      scaleMin: answer.scaleMin,
      scaleMax: answer.scaleMax,
    })),
  );
  const comment = commentOf(data);
  const sentiment = comment === undefined ? undefined : sentimentOf(comment);
  const audience = audienceFromWire(data.audience);
  // One statement: the response (unless its id is known) and its category scores.
  const [result] = await tx.$queryRawUnsafe<{ inserted: bigint }[]>(
    `WITH inserted AS (
       INSERT INTO feedback_response (response_id, partner_id, campaign_id, quarter, audience, score, rated_answers,
         nps_value, comment, consent_to_publish, sentiment_score, sentiment_label, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (response_id) DO NOTHING RETURNING response_id),
     categories AS (
       INSERT INTO category_score (response_id, category, partner_id, quarter, audience, score, answers)
       SELECT inserted.response_id, c.category, $2, $4, $5, c.score, c.answers
         FROM inserted, jsonb_to_recordset($14::jsonb) AS c(category text, score float8, answers int)
       RETURNING 1)
     SELECT (SELECT count(*) FROM inserted) AS inserted`,
    data.responseId,
    data.partnerId,
    data.campaignId,
    data.quarter,
    audience,
    rating.score ?? null,
    rating.ratedAnswers,
    rating.npsValue ?? null,
    comment ?? null,
    data.consentToPublish,
    sentiment?.score ?? null,
    sentiment?.label ?? null,
    data.submittedAt ? timestampDate(data.submittedAt) : deps.now(),
    JSON.stringify(rating.categories),
  );
  if (Number(result?.inserted ?? 0) === 0) return "duplicate";
  await recomputePcr(deps, tx, data.partnerId, "response");
  return "recorded";
}
