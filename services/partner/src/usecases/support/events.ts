import {
  PartnerStatus as ProtoPartnerStatus,
  PaymentTier as ProtoPaymentTier,
  partnerProfileUpdatedV1,
  timestampFromDate,
} from "@tpx/contracts";
import type { Outbox } from "@tpx/messaging";
import type { Tx } from "../../db.ts";
import type { Completion } from "../../domain/completion.ts";
import type { PartnerStatus } from "../../domain/lifecycle.ts";
import type { PartnerState, PaymentTier } from "../../domain/profile.ts";

export function protoStatus(status: PartnerStatus): ProtoPartnerStatus {
  return ProtoPartnerStatus[status];
}

export function protoTier(tier: PaymentTier): ProtoPaymentTier {
  return ProtoPaymentTier[tier];
}

function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `partner.profile.updated` with the current values (not a diff) and the fields that changed. */
export async function emitProfileUpdated(
  outbox: Outbox,
  tx: Tx,
  state: PartnerState,
  completion: Completion,
  fields: string[],
  at: Date,
): Promise<void> {
  if (fields.length === 0) return;
  await outbox.add(
    tx,
    partnerProfileUpdatedV1,
    partnerProfileUpdatedV1.create({
      partnerId: state.id,
      slug: state.slug,
      companyName: state.companyName,
      profileCompletion: completion.percent,
      focusAreas: state.focusAreas,
      capabilities: state.capabilities.map((capability) => capability.key),
      serviceRegions: state.serviceRegions,
      revenueTiers: state.revenueTiers,
      changedFields: fields.map(snakeCase),
      updatedAt: timestampFromDate(at),
    }),
    { subject: state.id },
  );
}
