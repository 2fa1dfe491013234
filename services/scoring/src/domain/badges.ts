import type { MomentumLabel, PaymentTier } from "./pcr-formula.ts";

export type BadgeKind = "score" | "tier" | "momentum";

export interface Badge {
  code: string;
  label: string;
  kind: BadgeKind;
}

/** A PCR badge awarded at `min` or above; only the highest one met is held. */
export interface ScoreBadgeThreshold {
  code: string;
  label: string;
  min: number;
}

export const DEFAULT_SCORE_BADGES =
  "pcr-elite:Elite Partner:90,pcr-excellent:Excellent Partner:80,pcr-trusted:Trusted Partner:70";

const TIER_BADGES: Record<PaymentTier, Badge | undefined> = {
  FREE: undefined,
  VERIFIED: { code: "tier-verified", label: "Verified Partner", kind: "tier" },
  GOLD: { code: "tier-gold", label: "Gold Partner", kind: "tier" },
};

export const HOT_STREAK_BADGE: Badge = { code: "hot-streak", label: "Hot Streak", kind: "momentum" };

/** Parses `code:Label:min,…` (the PCR_BADGE_THRESHOLDS format); throws with the offending entry. */
export function parseScoreBadges(text: string): ScoreBadgeThreshold[] {
  const badges = text.split(",").map((entry) => {
    const parts = entry.split(":").map((part) => part.trim());
    const [code, label, min] = parts;
    const threshold = Number(min);
    if (parts.length !== 3 || !code || !label || !/^[a-z0-9-]+$/.test(code) || !(threshold >= 0 && threshold <= 100)) {
      throw new Error(`badge threshold "${entry}" must look like code:Label:min with min in 0..100`);
    }
    return { code, label, min: threshold };
  });
  if (new Set(badges.map((badge) => badge.code)).size !== badges.length) throw new Error("badge codes must be unique");
  return badges.sort((a, b) => b.min - a.min);
}

/** The highest score badge reached, the tier badge, and the hot-streak badge while momentum is hot. */
export function badgesFor(
  input: { final: number; tier: PaymentTier; momentum: MomentumLabel },
  thresholds: readonly ScoreBadgeThreshold[],
): Badge[] {
  const badges: Badge[] = [];
  const best = [...thresholds].sort((a, b) => b.min - a.min).find((threshold) => input.final >= threshold.min);
  if (best) badges.push({ code: best.code, label: best.label, kind: "score" });
  const tier = TIER_BADGES[input.tier];
  if (tier) badges.push(tier);
  if (input.momentum === "hot") badges.push(HOT_STREAK_BADGE);
  return badges;
}
