import {
  Audience,
  BadgeKind,
  Momentum,
  PartnerStatus,
  PcrTrigger,
  QuestionType,
  PaymentTier as WirePaymentTier,
} from "@tpx/contracts";
import type { BadgeKind as DomainBadgeKind } from "../domain/badges.ts";
import type { MomentumLabel, PaymentTier } from "../domain/pcr-formula.ts";
import type { AnswerKind } from "../domain/rating.ts";

// Translations between the contracts' proto enums and the words scoring stores and serves.

export type Trigger = "response" | "tier_change" | "profile_change" | "replay" | "manual";

export const TRIGGER_TO_WIRE: Record<Trigger, PcrTrigger> = {
  response: PcrTrigger.RESPONSE,
  tier_change: PcrTrigger.TIER_CHANGE,
  profile_change: PcrTrigger.PROFILE_CHANGE,
  replay: PcrTrigger.REPLAY,
  manual: PcrTrigger.MANUAL,
};

export const TIER_TO_WIRE: Record<PaymentTier, WirePaymentTier> = {
  FREE: WirePaymentTier.FREE,
  VERIFIED: WirePaymentTier.VERIFIED,
  GOLD: WirePaymentTier.GOLD,
};

export const MOMENTUM_TO_WIRE: Record<MomentumLabel, Momentum> = {
  hot: Momentum.HOT,
  stable: Momentum.STABLE,
  declining: Momentum.DECLINING,
};

export const BADGE_KIND_TO_WIRE: Record<DomainBadgeKind, BadgeKind> = {
  score: BadgeKind.SCORE,
  tier: BadgeKind.TIER,
  momentum: BadgeKind.MOMENTUM,
};

/** An unspecified tier (never sent by a valid producer) reads as free, the tier every partner starts with. */
export function tierFromWire(tier: WirePaymentTier): PaymentTier {
  if (tier === WirePaymentTier.GOLD) return "GOLD";
  if (tier === WirePaymentTier.VERIFIED) return "VERIFIED";
  return "FREE";
}

const STATUS_NAMES: Record<number, string> = {
  [PartnerStatus.DRAFT]: "DRAFT",
  [PartnerStatus.SUBMITTED]: "SUBMITTED",
  [PartnerStatus.APPROVED]: "APPROVED",
  [PartnerStatus.ACTIVE]: "ACTIVE",
  [PartnerStatus.INACTIVE]: "INACTIVE",
  [PartnerStatus.REJECTED]: "REJECTED",
};

export function statusFromWire(status: PartnerStatus): string | undefined {
  return STATUS_NAMES[status];
}

export function audienceFromWire(audience: Audience): "customer" | "employee" {
  return audience === Audience.EMPLOYEE ? "employee" : "customer";
}

export function answerKindFromWire(type: QuestionType): AnswerKind {
  if (type === QuestionType.NPS) return "nps";
  if (type === QuestionType.TEXT) return "text";
  if (type === QuestionType.BOOLEAN) return "boolean";
  return "rating";
}
