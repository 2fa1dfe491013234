import { baseScore, finalScore, type MomentumLabel, type PaymentTier } from "./pcr-formula.ts";
import { clamp, mean, round2, sampleStdDev } from "./rounding.ts";

/** Two-sided 95% Student t quantiles for 1–30 degrees of freedom. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z_975 = 1.959964;

/** t(0.975, df): the table up to 30, then the Cornish–Fisher expansion (within 0.001 of the exact value). */
export function tQuantile975(df: number): number {
  const whole = Math.max(1, Math.floor(df));
  if (whole <= T_975.length) return T_975[whole - 1] as number;
  const z = Z_975;
  return z + (z ** 3 + z) / (4 * whole) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * whole ** 2);
}

export interface MeanInterval {
  n: number;
  mean: number;
  stdDev: number;
  /** Half the width of the 95% interval. */
  margin: number;
  low: number;
  high: number;
}

/** 95% t interval of a mean of 0–100 scores, clipped to 0–100. */
export function meanInterval(scores: readonly number[]): MeanInterval {
  const n = scores.length;
  const average = mean(scores);
  const stdDev = sampleStdDev(scores);
  const margin = n > 1 ? (tQuantile975(n - 1) * stdDev) / Math.sqrt(n) : 100;
  return {
    n,
    mean: average,
    stdDev,
    margin,
    low: clamp(average - margin, 0, 100),
    high: clamp(average + margin, 0, 100),
  };
}

/**
 * Whether the change between two quarters' feedback exceeds its own 95% uncertainty (Welch: the two standard
 * errors combined, t with Welch–Satterthwaite degrees of freedom).
 */
export function momentumChange(window: readonly number[], previous: readonly number[]) {
  const a = sampleStdDev(window) ** 2 / window.length;
  const b = sampleStdDev(previous) ** 2 / previous.length;
  const change = mean(window) - mean(previous);
  const standardError = Math.sqrt(a + b);
  const df = standardError === 0 ? 1 : (a + b) ** 2 / (a ** 2 / (window.length - 1) + b ** 2 / (previous.length - 1));
  const uncertainty = standardError === 0 ? 0 : tQuantile975(df) * standardError;
  return { change, uncertainty, significant: Math.abs(change) > uncertainty };
}

export interface ScoreConfidence {
  feedback: MeanInterval;
  /** The final score recomputed with feedback at each end of its interval (the formula is unchanged). */
  low: number;
  high: number;
  provisional: boolean;
  momentum: { change: number; uncertainty: number; significant: boolean } | undefined;
}

/**
 * How sure the exact score is. Shown beside it, never instead of it: the PCR itself stays the seed's formula.
 * Provisional while the feedback interval's half-width exceeds `provisionalMargin` points.
 */
export function scoreConfidence(input: {
  profile: number;
  tier: PaymentTier;
  momentum: MomentumLabel;
  windowScores: readonly number[];
  previousScores: readonly number[] | undefined;
  provisionalMargin: number;
}): ScoreConfidence {
  const feedback = meanInterval(input.windowScores);
  const at = (value: number) => finalScore(baseScore(input.profile, value), input.tier, input.momentum);
  return {
    feedback,
    low: at(feedback.low),
    high: at(feedback.high),
    provisional: feedback.margin > input.provisionalMargin,
    momentum: input.previousScores ? momentumChange(input.windowScores, input.previousScores) : undefined,
  };
}

export const roundInterval = (interval: MeanInterval) => ({
  n: interval.n,
  mean: round2(interval.mean),
  low: round2(interval.low),
  high: round2(interval.high),
  margin: round2(interval.margin),
});
