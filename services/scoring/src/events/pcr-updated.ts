import { badgeChangedV1, PcrStatus, pcrUpdatedV1, timestampFromDate } from "@tpx/contracts";
import type { Badge } from "../domain/badges.ts";
import type { PcrOutcome } from "../domain/compute-pcr.ts";
import type { PcrBreakdown } from "../domain/pcr-formula.ts";
import { round2, roundTo } from "../domain/rounding.ts";
import { BADGE_KIND_TO_WIRE, MOMENTUM_TO_WIRE, TIER_TO_WIRE, TRIGGER_TO_WIRE, type Trigger } from "./wire-values.ts";

/**
 * Components travel at 6 decimals: enough to redo the sum by hand to the cent, without binary noise such as
 * 88.22999999999999 on a page. The final score is the formula's own 2-decimal value.
 */
export const component = (value: number): number => roundTo(value, 6);

export function wireBadges(badges: readonly Badge[]) {
  return badges.map((badge) => ({ code: badge.code, label: badge.label, kind: BADGE_KIND_TO_WIRE[badge.kind] }));
}

function wireBreakdown(breakdown: PcrBreakdown) {
  return {
    profileScore: component(breakdown.profile),
    feedbackScore: component(breakdown.feedback),
    baseScore: component(breakdown.base),
    paymentTier: TIER_TO_WIRE[breakdown.tier],
    paymentMultiplier: breakdown.paymentMultiplier,
    paymentPoints: breakdown.payment,
    momentum: MOMENTUM_TO_WIRE[breakdown.momentum],
    momentumPoints: breakdown.momentumPoints,
    finalScore: breakdown.final,
    ...(breakdown.previousQuarter === undefined || breakdown.previousFeedback === undefined
      ? {}
      : { previousQuarter: breakdown.previousQuarter, previousFeedbackScore: component(breakdown.previousFeedback) }),
  };
}

export function pcrUpdatedPayload(input: {
  partnerId: string;
  outcome: Exclude<PcrOutcome, { status: "none" }>;
  previousScore: number | undefined;
  computedAt: Date;
  trigger: Trigger;
  revision: number;
}) {
  const { outcome } = input;
  const scored =
    outcome.status === "scored"
      ? {
          status: PcrStatus.SCORED,
          score: outcome.breakdown.final,
          breakdown: wireBreakdown(outcome.breakdown),
          badges: wireBadges(outcome.badges),
          confidence: {
            low: outcome.confidence.low,
            high: outcome.confidence.high,
            provisional: outcome.confidence.provisional,
            feedbackLow: round2(outcome.confidence.feedback.low),
            feedbackHigh: round2(outcome.confidence.feedback.high),
            ...(outcome.confidence.momentum ? { momentumSignificant: outcome.confidence.momentum.significant } : {}),
          },
        }
      : { status: PcrStatus.PENDING };
  return pcrUpdatedV1.create({
    partnerId: input.partnerId,
    ...scored,
    ...(input.previousScore === undefined ? {} : { previousScore: input.previousScore }),
    window: outcome.window,
    computedAt: timestampFromDate(input.computedAt),
    trigger: TRIGGER_TO_WIRE[input.trigger],
    revision: input.revision,
  });
}

/** `badge.changed` when the set of badge codes differs; undefined when nothing was gained or lost. */
export function badgeChangedPayload(partnerId: string, before: readonly Badge[], after: readonly Badge[], at: Date) {
  const had = new Set(before.map((badge) => badge.code));
  const has = new Set(after.map((badge) => badge.code));
  const addedCodes = [...has].filter((code) => !had.has(code));
  const removedCodes = [...had].filter((code) => !has.has(code));
  if (addedCodes.length + removedCodes.length === 0) return undefined;
  return badgeChangedV1.create({
    partnerId,
    badges: wireBadges(after),
    addedCodes,
    removedCodes,
    changedAt: timestampFromDate(at),
  });
}
