import type { Deps } from "../deps.ts";
import { messageRetryDelay } from "../domain/backoff.ts";
import { SendError, type SendFailure } from "../domain/send-failure.ts";
import type { Message } from "../generated/prisma/client.ts";
import { unsubscribeUrl } from "./enqueue-message.ts";
import { emitFailed, emitSent } from "./message-events.ts";

/**
 * Hands one claimed message to its provider and records the outcome with its event. Transient failures go back to
 * the queue with exponential backoff and jitter until SEND_MAX_ATTEMPTS; permanent ones fail at once. Only a row
 * still "sending" is updated, so a send that outlived the stale limit cannot undo the crash recovery's verdict.
 */
export async function sendClaimedMessage(deps: Deps, message: Message): Promise<void> {
  const provider = deps.providers[message.channel === "sms" ? "sms" : "email"];
  let outcome: { providerId?: string } | SendFailure;
  try {
    outcome = await provider.send({
      id: message.id,
      channel: message.channel === "sms" ? "sms" : "email",
      to: message.recipient,
      subject: message.subject,
      text: message.bodyText,
      html: message.bodyHtml,
      unsubscribeUrl: message.channel === "email" ? unsubscribeUrl(deps, "email", message.recipient) : null,
    });
  } catch (error) {
    outcome =
      error instanceof SendError
        ? error.failure
        : { code: "internal_error", message: (error as Error).message ?? String(error), permanent: false };
    deps.logger.warn({ messageId: message.id, code: outcome.code }, "message send failed");
  }
  const now = deps.now();
  await deps.db.$transaction(async (tx) => {
    if (!("code" in outcome)) {
      const { count } = await tx.message.updateMany({
        where: { id: message.id, status: "sending" },
        data: {
          status: "sent",
          provider: provider.name,
          providerId: outcome.providerId ?? null,
          sentAt: now,
          sendingSince: null,
          errorCode: null,
          error: null,
        },
      });
      if (count === 1) await emitSent(deps, tx, message, outcome.providerId);
      return;
    }
    const failure = outcome;
    const permanent = failure.permanent || message.attempts >= deps.config.SEND_MAX_ATTEMPTS;
    const retryAt = new Date(
      now.getTime() + messageRetryDelay(message.attempts, deps.config.SEND_RETRY_BASE_MS, deps.random),
    );
    const { count } = await tx.message.updateMany({
      where: { id: message.id, status: "sending" },
      data: {
        status: permanent ? "failed" : "queued",
        provider: provider.name,
        sendingSince: null,
        errorCode: failure.code,
        error: failure.message,
        ...(permanent ? {} : { nextAttemptAt: retryAt }),
      },
    });
    if (count !== 1) return;
    if (failure.suppress) {
      await tx.suppression.upsert({
        where: { channel_address: { channel: message.channel, address: message.recipient } },
        create: { channel: message.channel, address: message.recipient, reason: "provider" },
        update: {},
      });
    }
    await emitFailed(deps, tx, message, { ...failure, permanent });
  });
}
