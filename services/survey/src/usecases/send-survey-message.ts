import { randomUUID } from "node:crypto";
import {
  Audience as AudienceEnum,
  Channel,
  InvitationKind,
  surveyInvitationRequestedV1,
  timestampFromDate,
} from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { SurveyDeps } from "../deps.ts";
import type { Audience } from "../domain/questions.ts";
import { hashSurveyToken, newSurveyToken, surveyUrl } from "../domain/survey-token.ts";

export interface MessageTarget {
  campaignId: string;
  partnerId: string;
  partnerName: string;
  recipientId: string;
  audience: Audience;
  expiresAt: Date;
  name: string;
  email: string;
  phone: string | null;
}

/**
 * Issues a fresh single-use link for the recipient (only its hash is stored) and requests the message on every
 * channel the recipient has: e-mail always, SMS when a phone number exists. Returns the number of requests.
 */
export async function sendSurveyMessage(
  tx: Tx,
  deps: Pick<SurveyDeps, "outbox" | "config">,
  target: MessageTarget,
  reminderNumber: number,
): Promise<number> {
  const token = newSurveyToken();
  await tx.surveyLink.create({ data: { tokenHash: hashSurveyToken(token), recipientId: target.recipientId } });
  const channels: Array<{ channel: Channel; address: string }> = [{ channel: Channel.EMAIL, address: target.email }];
  if (target.phone) channels.push({ channel: Channel.SMS, address: target.phone });
  for (const { channel, address } of channels) {
    const data = surveyInvitationRequestedV1.create({
      invitationId: randomUUID(),
      campaignId: target.campaignId,
      recipientId: target.recipientId,
      partnerId: target.partnerId,
      partnerName: target.partnerName,
      channel,
      address,
      recipientName: target.name,
      surveyUrl: surveyUrl(deps.config.PUBLIC_BASE_URL, token),
      kind: reminderNumber === 0 ? InvitationKind.INVITATION : InvitationKind.REMINDER,
      reminderNumber,
      expiresAt: timestampFromDate(target.expiresAt),
      audience: target.audience === "CUSTOMER" ? AudienceEnum.CUSTOMER : AudienceEnum.EMPLOYEE,
    });
    await deps.outbox.add(tx, surveyInvitationRequestedV1, data, { subject: target.campaignId });
  }
  return channels.length;
}
