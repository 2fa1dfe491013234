import { meanInterval } from "./confidence.ts";
import { npsSummary } from "./nps.ts";
import { momentumOf } from "./pcr-formula.ts";
import { compareQuarters } from "./quarter.ts";
import { mean } from "./rounding.ts";
import { type QuarterScores, qualifyingPairs } from "./window.ts";

/** The figures stored per partner and quarter (the `quarter_summary` row without its key). */
export interface QuarterFigures {
  quarter: string;
  responseCount: number;
  feedback: number;
  feedbackLow: number;
  feedbackHigh: number;
  qualifies: boolean;
  momentum: string | null;
  momentumChange: number | null;
  npsRespondents: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  npsLow: number | null;
  npsHigh: number | null;
}

/**
 * Responses, feedback and its interval, NPS, and momentum against the previous qualifying quarter, for every quarter
 * with rated responses.
 */
export function quarterFigures(
  quarters: readonly (QuarterScores & { nps: readonly number[] })[],
  responsesNeeded: number,
): QuarterFigures[] {
  const momentum = new Map(
    qualifyingPairs(quarters, responsesNeeded).map(({ quarter, previous }) => {
      const feedback = mean(quarter.scores);
      const previousFeedback = previous ? mean(previous.scores) : undefined;
      const change = previousFeedback === undefined ? null : feedback - previousFeedback;
      return [quarter.quarter, { label: momentumOf(feedback, previousFeedback), change }] as const;
    }),
  );
  return quarters.map(({ quarter, scores, nps }) => {
    const interval = meanInterval(scores);
    const promoterScore = npsSummary(nps);
    return {
      quarter,
      responseCount: scores.length,
      feedback: interval.mean,
      feedbackLow: interval.low,
      feedbackHigh: interval.high,
      qualifies: scores.length >= responsesNeeded,
      momentum: momentum.get(quarter)?.label ?? null,
      momentumChange: momentum.get(quarter)?.change ?? null,
      npsRespondents: promoterScore?.respondents ?? 0,
      promoters: promoterScore?.promoters ?? 0,
      passives: promoterScore?.passives ?? 0,
      detractors: promoterScore?.detractors ?? 0,
      nps: promoterScore?.nps ?? null,
      npsLow: promoterScore?.low ?? null,
      npsHigh: promoterScore?.high ?? null,
    };
  });
}

/**
 * The quarters whose figures can change when responses are added to `touched` quarters (`quarters` is the state after
 * adding): the touched quarters themselves and, after each, the next qualifying quarter, whose momentum is measured
 * against the latest qualifying quarter before it. Responses are never removed, so no other quarter moves.
 */
export function quartersAffected(
  quarters: readonly QuarterScores[],
  touched: ReadonlySet<string>,
  responsesNeeded: number,
): Set<string> {
  const qualifying = quarters
    .filter((quarter) => quarter.scores.length >= responsesNeeded)
    .map((quarter) => quarter.quarter)
    .sort(compareQuarters);
  const affected = new Set(touched);
  for (const quarter of touched) {
    const next = qualifying.find((candidate) => compareQuarters(candidate, quarter) > 0);
    if (next) affected.add(next);
  }
  return affected;
}
