import { AudienceSchema, Channel, ChannelSchema } from "../../gen/tpx/events/v1/common_pb.ts";
import {
  InvitationKind,
  InvitationKindSchema,
  SurveyInvitationRequestedSchema,
} from "../../gen/tpx/events/v1/survey_pb.ts";
import { defineEvent } from "../define-event.ts";

export const surveyInvitationRequestedV1 = defineEvent({
  type: "survey.invitation.requested",
  version: 1,
  producer: "survey",
  description: "Send one PowerCard invitation or reminder to one recipient on one channel (contains personal data).",
  schema: SurveyInvitationRequestedSchema,
  check(data, check) {
    check.required("invitationId", data.invitationId);
    check.required("campaignId", data.campaignId);
    check.required("recipientId", data.recipientId);
    check.required("partnerId", data.partnerId);
    check.required("partnerName", data.partnerName);
    check.enumValue("channel", data.channel, ChannelSchema);
    if (data.channel === Channel.EMAIL) check.email("address", data.address);
    if (data.channel === Channel.SMS) check.phone("address", data.address);
    check.required("recipientName", data.recipientName);
    check.httpUrl("surveyUrl", data.surveyUrl);
    check.enumValue("kind", data.kind, InvitationKindSchema);
    if (data.kind === InvitationKind.INVITATION && data.reminderNumber !== 0) {
      check.fail("reminderNumber must be 0 for an invitation");
    }
    if (data.kind === InvitationKind.REMINDER) check.atLeast("reminderNumber", data.reminderNumber, 1);
    check.timestamp("expiresAt", data.expiresAt);
    check.enumValue("audience", data.audience, AudienceSchema);
    check.optional("locale", data.locale);
    check.locale("locale", data.locale);
    check.optional("timeZone", data.timeZone);
    check.timeZone("timeZone", data.timeZone);
  },
});
