import { type Badge, badgesFor, type ScoreBadgeThreshold } from "./badges.ts";
import { type ScoreConfidence, scoreConfidence } from "./confidence.ts";
import { computeBreakdown, type PaymentTier, type PcrBreakdown } from "./pcr-formula.ts";
import { chooseWindow, type QuarterScores } from "./window.ts";

export interface PcrSettings {
  /** Responses a quarter needs to become the window (5 in the seed). */
  responsesNeeded: number;
  scoreBadges: readonly ScoreBadgeThreshold[];
  /** Half-width of the feedback interval above which the score is shown as provisional. */
  provisionalMargin: number;
}

export interface PcrWindowInfo {
  quarter: string;
  responseCount: number;
  responsesNeeded: number;
}

export type PcrOutcome =
  | { status: "none" }
  | { status: "pending"; window: PcrWindowInfo }
  | {
      status: "scored";
      window: PcrWindowInfo;
      breakdown: PcrBreakdown;
      badges: Badge[];
      confidence: ScoreConfidence;
    };

/**
 * One partner's PCR from everything scoring knows: profile completion, payment tier and the rated responses per
 * quarter. Pure, so a replay of the same facts gives the same outcome whatever order they arrived in.
 */
export function computePcr(
  partner: { profile: number; tier: PaymentTier },
  quarters: readonly QuarterScores[],
  settings: PcrSettings,
): PcrOutcome {
  const choice = chooseWindow(quarters, settings.responsesNeeded);
  if (choice.kind === "empty") return { status: "none" };
  if (choice.kind === "pending") {
    return {
      status: "pending",
      window: { quarter: choice.quarter, responseCount: choice.have, responsesNeeded: choice.need },
    };
  }
  const { window, previous } = choice;
  const breakdown = computeBreakdown({
    profile: partner.profile,
    tier: partner.tier,
    windowScores: window.scores,
    previous,
  });
  return {
    status: "scored",
    window: { quarter: window.quarter, responseCount: window.scores.length, responsesNeeded: settings.responsesNeeded },
    breakdown,
    badges: badgesFor(breakdown, settings.scoreBadges),
    confidence: scoreConfidence({
      profile: breakdown.profile,
      tier: breakdown.tier,
      momentum: breakdown.momentum,
      windowScores: window.scores,
      previousScores: previous?.scores,
      provisionalMargin: settings.provisionalMargin,
    }),
  };
}
