import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { LeadParty, LeadStatus, PartnerStatus, PaymentTier, timestampDate } from "@tpx/contracts";
import type { LeadStageName } from "../domain/lead-pipeline.ts";

/** Translations between proto enum values on the wire and the lower-case names the matching tables use. */
const PARTNER_STATUS_NAMES: Record<number, string> = {
  [PartnerStatus.DRAFT]: "draft",
  [PartnerStatus.SUBMITTED]: "submitted",
  [PartnerStatus.APPROVED]: "approved",
  [PartnerStatus.ACTIVE]: "active",
  [PartnerStatus.INACTIVE]: "inactive",
  [PartnerStatus.REJECTED]: "rejected",
};

export function partnerStatusName(status: number): string | undefined {
  return PARTNER_STATUS_NAMES[status];
}

const TIER_NAMES: Record<number, string> = {
  [PaymentTier.FREE]: "free",
  [PaymentTier.VERIFIED]: "verified",
  [PaymentTier.GOLD]: "gold",
};

export function paymentTierName(tier: number): string | undefined {
  return TIER_NAMES[tier];
}

const LEAD_STATUS_VALUES: Record<LeadStageName, LeadStatus> = {
  new: LeadStatus.NEW,
  contacted: LeadStatus.CONTACTED,
  meeting_scheduled: LeadStatus.MEETING_SCHEDULED,
  proposal: LeadStatus.PROPOSAL,
  won: LeadStatus.WON,
  lost: LeadStatus.LOST,
};

export function leadStatusValue(stage: LeadStageName | null): LeadStatus {
  return stage === null ? LeadStatus.UNSPECIFIED : LEAD_STATUS_VALUES[stage];
}

export function leadPartyValue(party: "partner" | "contractor"): LeadParty {
  return party === "partner" ? LeadParty.PARTNER : LeadParty.CONTRACTOR;
}

/** An event timestamp, or the fallback (the envelope time) when the payload has none. */
export function dateOr(timestamp: Timestamp | undefined, fallback: Date): Date {
  return timestamp ? timestampDate(timestamp) : fallback;
}
