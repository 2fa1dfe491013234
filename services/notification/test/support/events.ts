import { randomUUID } from "node:crypto";
import { Audience, Channel, InvitationKind, surveyInvitationRequestedV1, timestampFromDate } from "@tpx/contracts";

/** A `survey.invitation.requested` payload; each call is a new invitation unless `invitationId` is given. */
export function invitation(overrides: Partial<Parameters<typeof surveyInvitationRequestedV1.create>[0]> = {}) {
  return surveyInvitationRequestedV1.create({
    invitationId: randomUUID(),
    campaignId: "c0ffee00-1234-4abc-8def-000000000042",
    recipientId: randomUUID(),
    partnerId: "6f1c2a9e-3b4d-4c5e-8f70-112233445566",
    partnerName: "Acme & Sons",
    channel: Channel.EMAIL,
    address: "Dana@Example.com",
    recipientName: "Dana Whitfield",
    surveyUrl: "https://tpx.example/s/token123",
    kind: InvitationKind.INVITATION,
    reminderNumber: 0,
    expiresAt: timestampFromDate(new Date("2026-12-31T00:00:00Z")),
    audience: Audience.CUSTOMER,
    ...overrides,
  });
}
