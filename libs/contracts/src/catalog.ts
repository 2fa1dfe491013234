import type { DescMessage } from "@bufbuild/protobuf";
import type { ProtoEventContract } from "./events/define-event.ts";
import {
  badgeChangedV1,
  campaignCreatedV1,
  campaignThresholdReachedV1,
  leadMessageSentV1,
  leadStatusChangedV1,
  matchCreatedV1,
  notificationFailedV1,
  notificationSentV1,
  partnerApprovedV1,
  partnerOnboardingCompletedV1,
  partnerProfileUpdatedV1,
  partnerRegisteredV1,
  partnerStatusChangedV1,
  partnerTierChangedV1,
  pcrUpdatedV1,
  responseRecordedV1,
  surveyInvitationRequestedV1,
  userRegisteredV1,
  webhookDeliveredV1,
  webhookFailedV1,
} from "./events/index.ts";

/** Every event version the platform knows, grouped by producer. Webhook subscriptions may name any of them. */
export const EVENT_CATALOG: readonly ProtoEventContract<DescMessage>[] = Object.freeze([
  userRegisteredV1,
  partnerRegisteredV1,
  partnerOnboardingCompletedV1,
  partnerApprovedV1,
  partnerStatusChangedV1,
  partnerProfileUpdatedV1,
  partnerTierChangedV1,
  campaignCreatedV1,
  surveyInvitationRequestedV1,
  responseRecordedV1,
  campaignThresholdReachedV1,
  pcrUpdatedV1,
  badgeChangedV1,
  matchCreatedV1,
  leadStatusChangedV1,
  leadMessageSentV1,
  notificationSentV1,
  notificationFailedV1,
  webhookDeliveredV1,
  webhookFailedV1,
]);

const byKey = new Map(EVENT_CATALOG.map((contract) => [`${contract.type}.v${contract.version}`, contract]));

/** The contract of one event version, or undefined when the catalog has no such event. */
export function contractFor(type: string, version: number): ProtoEventContract<DescMessage> | undefined {
  return byKey.get(`${type}.v${version}`);
}
