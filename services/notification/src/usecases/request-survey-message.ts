import { InvitationKind, type SurveyInvitationRequested, timestampDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import { channelName, enqueueMessage } from "./enqueue-message.ts";

/** A PowerCard invitation or reminder: one message per invitation id (which is already per channel). */
export async function requestSurveyMessage(
  deps: Deps,
  tx: Tx,
  cause: { eventId: string; eventType: string },
  data: SurveyInvitationRequested,
): Promise<void> {
  const channel = channelName(data.channel);
  if (!channel) return;
  const expires = data.expiresAt ? timestampDate(data.expiresAt) : undefined;
  await enqueueMessage(deps, tx, {
    dedupeKey: `invitation:${data.invitationId}:${channel}`,
    channel,
    recipient: data.address,
    template: data.kind === InvitationKind.REMINDER ? "survey_reminder" : "survey_invitation",
    variables: {
      recipientName: data.recipientName,
      partnerName: data.partnerName,
      surveyUrl: data.surveyUrl,
      expiresAt: expires?.toISOString().slice(0, 10),
    },
    locale: data.locale,
    timeZone: data.timeZone,
    campaignId: data.campaignId,
    recipientId: data.recipientId,
    partnerId: data.partnerId,
    invitationId: data.invitationId,
    cause,
  });
}
