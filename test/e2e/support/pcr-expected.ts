import type { Survey } from "../../../scripts/demo/tpx-client.ts";

// The PCR as SPEC §4 defines it, written out here from the answers the suite submitted: deliberately not the scoring
// service's code, so a mistake there cannot agree with itself.

export type Answers = Record<string, number | boolean | string>;

/** A rated answer on 0–100: 0–10 scales (and NPS) × 10, 1–5 scales (x − 1) × 25; yes/no and text are not rated. */
function onHundred(type: string, value: number | boolean | string): number | undefined {
  if (typeof value !== "number") return undefined;
  if (type === "scale_0_10" || type === "nps") return value * 10;
  if (type === "scale_1_5") return (value - 1) * 25;
  return undefined;
}

/** One response's mean rated answer on 0–100. */
export function responseScore(questions: Survey["template"]["questions"], answers: Answers): number {
  const rated = questions.flatMap((question) => {
    const value = answers[question.id];
    const score = value === undefined ? undefined : onHundred(question.type, value);
    return score === undefined ? [] : [score];
  });
  return rated.reduce((sum, value) => sum + value, 0) / rated.length;
}

const MULTIPLIER = { FREE: 1.5, VERIFIED: 2.5, GOLD: 5.0 } as const;

export interface ExpectedPcr {
  profile: number;
  feedback: number;
  base: number;
  payment: number;
  momentumPoints: number;
  /** Unrounded; the service keeps 2 decimals. */
  final: number;
}

/** The first qualifying quarter (no previous one): momentum is stable, 0 points. */
export function expectedPcr(profile: number, responseScores: number[], tier: keyof typeof MULTIPLIER): ExpectedPcr {
  const feedback = responseScores.reduce((sum, value) => sum + value, 0) / responseScores.length;
  const base = 0.3 * profile + 0.7 * feedback;
  const payment = (20 * MULTIPLIER[tier]) / 5;
  const momentumPoints = 0;
  const final = Math.min(100, Math.max(0, 0.8 * base + payment + momentumPoints));
  return { profile, feedback, base, payment, momentumPoints, final };
}

/** Whether a 2-decimal score is the formula's value kept with 2 decimals. */
export function isKeptWithTwoDecimals(actual: number, exact: number): boolean {
  return Math.abs(actual - exact) <= 0.005 + 1e-9 && Math.abs(actual * 100 - Math.round(actual * 100)) < 1e-6;
}
