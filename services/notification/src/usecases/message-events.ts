import { Channel, notificationFailedV1, notificationSentV1, timestampFromDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import type { SendFailure } from "../domain/send-failure.ts";
import type { Message } from "../generated/prisma/client.ts";

function common(message: Message) {
  return {
    notificationId: message.id,
    channel: message.channel === "sms" ? Channel.SMS : Channel.EMAIL,
    template: message.template,
    ...(message.causeEventId && message.causeEventType
      ? { causeEventId: message.causeEventId, causeEventType: message.causeEventType }
      : {}),
    ...(message.invitationId ? { invitationId: message.invitationId } : {}),
  };
}

/** `notification.sent`, in the transaction that marks the message sent. */
export async function emitSent(deps: Deps, tx: Tx, message: Message, providerId: string | undefined): Promise<void> {
  await deps.outbox.add(
    tx,
    notificationSentV1,
    notificationSentV1.create({
      ...common(message),
      ...(providerId ? { providerMessageId: providerId } : {}),
      attempts: Math.max(message.attempts, 1),
      sentAt: timestampFromDate(deps.now()),
    }),
    { subject: message.id },
  );
}

/** `notification.failed` for one failed attempt (`permanent`: no further attempt follows). */
export async function emitFailed(deps: Deps, tx: Tx, message: Message, failure: SendFailure): Promise<void> {
  await deps.outbox.add(
    tx,
    notificationFailedV1,
    notificationFailedV1.create({
      ...common(message),
      attempts: Math.max(message.attempts, 1),
      errorCode: failure.code,
      errorMessage: failure.message,
      permanent: failure.permanent,
      failedAt: timestampFromDate(deps.now()),
    }),
    { subject: message.id },
  );
}
