import { clamp, mean, round2, roundTo } from "./rounding.ts";

// SPEC §4 "PCR formula", kept exact: every constant of the seed lives here and nowhere else.
export const PROFILE_WEIGHT = 0.3;
export const FEEDBACK_WEIGHT = 0.7;
export const BASE_WEIGHT = 0.8;
export const PAYMENT_MULTIPLIER = { FREE: 1.5, VERIFIED: 2.5, GOLD: 5.0 } as const;
export const MOMENTUM_POINTS = { hot: 5, stable: 0, declining: -3 } as const;
/** Feedback must move by at least this many points between qualifying quarters to count as hot or declining. */
export const MOMENTUM_THRESHOLD = 5;
export const DEFAULT_RESPONSES_NEEDED = 5;

export type PaymentTier = keyof typeof PAYMENT_MULTIPLIER;
export type MomentumLabel = keyof typeof MOMENTUM_POINTS;

export function paymentPoints(tier: PaymentTier): number {
  return (20 * PAYMENT_MULTIPLIER[tier]) / 5;
}

export function baseScore(profile: number, feedback: number): number {
  return PROFILE_WEIGHT * profile + FEEDBACK_WEIGHT * feedback;
}

/**
 * Hot at +5 points or more, declining at −5 or less, stable otherwise or without a previous quarter. The difference
 * is compared at 9 decimals so that binary noise (80.1 − 75.1 = 4.99999…) never flips a label the hand sum gives.
 */
export function momentumOf(feedback: number, previousFeedback: number | undefined): MomentumLabel {
  if (previousFeedback === undefined) return "stable";
  const change = roundTo(feedback - previousFeedback, 9);
  if (change >= MOMENTUM_THRESHOLD) return "hot";
  if (change <= -MOMENTUM_THRESHOLD) return "declining";
  return "stable";
}

/** final = clamp(0.80 × base + payment + momentum, 0, 100), kept with 2 decimals. */
export function finalScore(base: number, tier: PaymentTier, momentum: MomentumLabel): number {
  return round2(clamp(BASE_WEIGHT * base + paymentPoints(tier) + MOMENTUM_POINTS[momentum], 0, 100));
}

export interface PcrBreakdown {
  profile: number;
  feedback: number;
  base: number;
  tier: PaymentTier;
  paymentMultiplier: number;
  payment: number;
  momentum: MomentumLabel;
  momentumPoints: number;
  previousQuarter: string | undefined;
  previousFeedback: number | undefined;
  final: number;
}

export interface FormulaInputs {
  profile: number;
  /** Each window response's mean rated answer on 0–100. */
  windowScores: readonly number[];
  tier: PaymentTier;
  previous: { quarter: string; scores: readonly number[] } | undefined;
}

/** Applies the formula to one window; the profile is clamped into 0–100 because it is a share. */
export function computeBreakdown(inputs: FormulaInputs): PcrBreakdown {
  const profile = clamp(inputs.profile, 0, 100);
  const feedback = mean(inputs.windowScores);
  const previousFeedback = inputs.previous ? mean(inputs.previous.scores) : undefined;
  const base = baseScore(profile, feedback);
  const momentum = momentumOf(feedback, previousFeedback);
  return {
    profile,
    feedback,
    base,
    tier: inputs.tier,
    paymentMultiplier: PAYMENT_MULTIPLIER[inputs.tier],
    payment: paymentPoints(inputs.tier),
    momentum,
    momentumPoints: MOMENTUM_POINTS[momentum],
    previousQuarter: inputs.previous?.quarter,
    previousFeedback,
    final: finalScore(base, inputs.tier, momentum),
  };
}
