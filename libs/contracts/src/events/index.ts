// One contract per event version; the file name says which (`<event>.v1.ts`). A breaking change adds a
// `.v2` file next to the `.v1` one, and both stay in the catalog until every consumer has moved.
export { userRegisteredV1 } from "./gateway/user-registered.v1.ts";
export { leadMessageSentV1 } from "./matching/lead-message-sent.v1.ts";
export { leadStatusChangedV1 } from "./matching/lead-status-changed.v1.ts";
export { matchCreatedV1 } from "./matching/match-created.v1.ts";
export { notificationFailedV1 } from "./notification/notification-failed.v1.ts";
export { notificationSentV1 } from "./notification/notification-sent.v1.ts";
export { webhookDeliveredV1 } from "./notification/webhook-delivered.v1.ts";
export { webhookFailedV1 } from "./notification/webhook-failed.v1.ts";
export { partnerApprovedV1 } from "./partner/partner-approved.v1.ts";
export { partnerOnboardingCompletedV1, REFERENCES_PER_AUDIENCE } from "./partner/partner-onboarding-completed.v1.ts";
export { partnerProfileUpdatedV1 } from "./partner/partner-profile-updated.v1.ts";
export { partnerRegisteredV1 } from "./partner/partner-registered.v1.ts";
export { partnerStatusChangedV1 } from "./partner/partner-status-changed.v1.ts";
export { partnerTierChangedV1 } from "./partner/partner-tier-changed.v1.ts";
export { badgeChangedV1 } from "./scoring/badge-changed.v1.ts";
export { pcrUpdatedV1 } from "./scoring/pcr-updated.v1.ts";
export { campaignCreatedV1 } from "./survey/campaign-created.v1.ts";
export { campaignThresholdReachedV1 } from "./survey/campaign-threshold-reached.v1.ts";
export { responseRecordedV1 } from "./survey/response-recorded.v1.ts";
export { surveyInvitationRequestedV1 } from "./survey/survey-invitation-requested.v1.ts";
