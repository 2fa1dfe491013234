import type { ScoreConfidence } from "../domain/confidence.ts";
import type { PcrBreakdown } from "../domain/pcr-formula.ts";
import { round2 } from "../domain/rounding.ts";
import { component } from "../events/pcr-updated.ts";

// How stored breakdowns and intervals are shown by the analytics API: the same numbers the event carried.

export function presentBreakdown(breakdown: PcrBreakdown) {
  return {
    profile: component(breakdown.profile),
    feedback: component(breakdown.feedback),
    base: component(breakdown.base),
    tier: breakdown.tier,
    paymentMultiplier: breakdown.paymentMultiplier,
    payment: breakdown.payment,
    momentum: breakdown.momentum,
    momentumPoints: breakdown.momentumPoints,
    previousQuarter: breakdown.previousQuarter ?? null,
    previousFeedback: breakdown.previousFeedback === undefined ? null : component(breakdown.previousFeedback),
    final: breakdown.final,
    formula: "final = clamp(0.80 × (0.30 × profile + 0.70 × feedback) + 20 × multiplier / 5 + momentum, 0, 100)",
  };
}

export function presentConfidence(confidence: ScoreConfidence) {
  return {
    low: confidence.low,
    high: confidence.high,
    provisional: confidence.provisional,
    feedback: {
      responses: confidence.feedback.n,
      mean: round2(confidence.feedback.mean),
      low: round2(confidence.feedback.low),
      high: round2(confidence.feedback.high),
      margin: round2(confidence.feedback.margin),
    },
    momentum: confidence.momentum
      ? {
          change: round2(confidence.momentum.change),
          uncertainty: round2(confidence.momentum.uncertainty),
          significant: confidence.momentum.significant,
        }
      : null,
  };
}

export const optionalRound = (value: number | null): number | null => (value === null ? null : round2(value));
