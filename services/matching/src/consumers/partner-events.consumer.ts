import {
  partnerApprovedV1,
  partnerOnboardingCompletedV1,
  partnerProfileUpdatedV1,
  partnerRegisteredV1,
  partnerStatusChangedV1,
  partnerTierChangedV1,
} from "@tpx/contracts";
import { type ConsumerRunner, defineConsumer, type ReceivedEvent } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import {
  recordPaymentTier,
  recordProfile,
  recordRegistration,
  recordStatus,
} from "../repositories/partner-read-model.ts";
import { dateOr, partnerStatusName, paymentTierName } from "./event-values.ts";

function envelopeTime(event: ReceivedEvent<unknown>): Date {
  return new Date(event.envelope.time ?? Date.now());
}

/** The partner read model follows every partner event that carries something matching uses. */
export function addPartnerEventConsumers(consumers: ConsumerRunner<Tx>): void {
  consumers
    .add(
      defineConsumer({
        contract: partnerRegisteredV1,
        handle: (tx, { data }) =>
          recordRegistration(tx, { partnerId: data.partnerId, slug: data.slug, companyName: data.companyName }),
      }),
    )
    .add(
      defineConsumer({
        contract: partnerOnboardingCompletedV1,
        handle: async (tx, event) => {
          const { data } = event;
          await recordProfile(tx, {
            partnerId: data.partnerId,
            slug: data.slug,
            companyName: data.companyName,
            focusAreas: data.focusAreas,
            at: dateOr(data.completedAt, envelopeTime(event)),
          });
          const tier = paymentTierName(data.paymentTier);
          if (tier) await recordPaymentTier(tx, { partnerId: data.partnerId, tier });
        },
      }),
    )
    .add(
      defineConsumer({
        contract: partnerProfileUpdatedV1,
        handle: (tx, event) =>
          recordProfile(tx, {
            partnerId: event.data.partnerId,
            slug: event.data.slug,
            companyName: event.data.companyName,
            focusAreas: event.data.focusAreas,
            capabilities: event.data.capabilities,
            serviceRegions: event.data.serviceRegions,
            revenueTiers: event.data.revenueTiers,
            at: dateOr(event.data.updatedAt, envelopeTime(event)),
          }),
      }),
    )
    .add(
      defineConsumer({
        contract: partnerApprovedV1,
        handle: (tx, event) =>
          recordStatus(tx, {
            partnerId: event.data.partnerId,
            status: "approved",
            slug: event.data.slug,
            at: dateOr(event.data.approvedAt, envelopeTime(event)),
          }),
      }),
    )
    .add(
      defineConsumer({
        contract: partnerStatusChangedV1,
        handle: async (tx, event) => {
          const status = partnerStatusName(event.data.status);
          if (!status) return;
          await recordStatus(tx, {
            partnerId: event.data.partnerId,
            status,
            at: dateOr(event.data.changedAt, envelopeTime(event)),
          });
        },
      }),
    )
    .add(
      defineConsumer({
        contract: partnerTierChangedV1,
        handle: async (tx, { data }) => {
          const tier = paymentTierName(data.tier);
          if (tier) await recordPaymentTier(tx, { partnerId: data.partnerId, tier });
        },
      }),
    );
}
