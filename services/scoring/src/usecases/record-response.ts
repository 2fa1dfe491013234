import { QuestionType, type ResponseRecorded, timestampDate } from "@tpx/contracts";
import type { AddEventOptions } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { rateResponse } from "../domain/rating.ts";
import { sentimentOf } from "../domain/sentiment.ts";
import { answerKindFromWire, audienceFromWire } from "../events/wire-values.ts";
import { type ResponseRow, storeResponses } from "../repositories/response.repository.ts";
import type { ScoringDeps } from "./deps.ts";
import { recomputeMany } from "./recompute-pcr.ts";

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

/** A `response.recorded` as the consumer received it. */
export interface ReceivedResponse {
  data: ResponseRecorded;
  /** The trace of its event, for the `pcr.updated` it causes. */
  traceContext?: AddEventOptions["traceContext"];
}

function rowOf(deps: ScoringDeps, data: ResponseRecorded): ResponseRow {
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
  return {
    responseId: data.responseId,
    partnerId: data.partnerId,
    campaignId: data.campaignId,
    quarter: data.quarter,
    audience: audienceFromWire(data.audience),
    score: rating.score ?? null,
    ratedAnswers: rating.ratedAnswers,
    npsValue: rating.npsValue ?? null,
    comment: comment ?? null,
    consentToPublish: data.consentToPublish,
    sentimentScore: sentiment?.score ?? null,
    sentimentLabel: sentiment?.label ?? null,
    submittedAt: data.submittedAt ? timestampDate(data.submittedAt) : deps.now(),
    categories: rating.categories,
  };
}

/**
 * Stores responses keyed by their response id and recomputes each one's partner, once per new response and in the
 * order given, exactly as if each were stored and recomputed in turn, but with a handful of statements for all of
 * them. A response id seen before (a re-published event with a new event id, say; or twice in the same batch)
 * changes nothing and publishes nothing.
 */
export async function recordResponses(
  deps: ScoringDeps,
  tx: Tx,
  received: readonly ReceivedResponse[],
): Promise<("recorded" | "duplicate")[]> {
  const firstCopies = new Map<string, ReceivedResponse>();
  for (const item of received) {
    if (!firstCopies.has(item.data.responseId)) firstCopies.set(item.data.responseId, item);
  }
  const locked = await storeResponses(
    tx,
    [...firstCopies.values()].map((item) => rowOf(deps, item.data)),
  );
  const stored = new Set([...locked.values()].flatMap((entry) => entry.stored));
  const outcomes = received.map((item) =>
    firstCopies.get(item.data.responseId) === item && stored.has(item.data.responseId) ? "recorded" : "duplicate",
  );
  const recomputes = received
    .filter((_, index) => outcomes[index] === "recorded")
    .map(({ data, traceContext }) => ({
      partnerId: data.partnerId,
      trigger: "response" as const,
      responseId: data.responseId,
      ...(traceContext ? { traceContext } : {}),
    }));
  const partners = new Map([...locked].map(([partnerId, entry]) => [partnerId, entry.partner]));
  await recomputeMany(deps, tx, recomputes, partners);
  return outcomes;
}

/** `recordResponses` for one response. */
export async function recordResponse(
  deps: ScoringDeps,
  tx: Tx,
  data: ResponseRecorded,
): Promise<"recorded" | "duplicate"> {
  const [outcome] = await recordResponses(deps, tx, [{ data }]);
  return outcome!;
}
