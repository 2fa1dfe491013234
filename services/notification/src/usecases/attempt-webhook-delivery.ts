import { randomUUID } from "node:crypto";
import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import { webhookRetryDelay } from "../domain/backoff.ts";
import { signWebhook } from "../domain/webhook-signature.ts";
import type { WebhookDelivery, WebhookSubscription } from "../generated/prisma/client.ts";
import { type PostResult, safePost } from "../webhooks/safe-post.ts";
import { disableSubscription } from "./disable-subscription.ts";
import { emitWebhookDelivered, emitWebhookFailed } from "./webhook-events.ts";

/**
 * One HTTP attempt of one delivery, signed per Standard Webhooks (the id is the event id, stable across retries; the
 * timestamp is this attempt's). Only 2xx counts. 410 disables the endpoint at once; other failures retry on the
 * schedule, give the delivery up when it runs out, and disable the endpoint once every attempt has failed for
 * WEBHOOK_DISABLE_AFTER_MS. Returns whether it was delivered.
 */
export async function attemptDelivery(
  deps: Deps,
  subscription: WebhookSubscription,
  delivery: WebhookDelivery,
): Promise<boolean> {
  const { config } = deps;
  const headers = {
    ...signWebhook(subscription.secret, delivery.eventId, Math.floor(deps.now().getTime() / 1000), delivery.payload),
    "user-agent": "TPX-Webhooks/1",
  };
  const result = await safePost(subscription.url, delivery.payload, headers, {
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
  });
  const attempts = delivery.attempts + 1;
  const now = deps.now();
  const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
  await deps.db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        id: randomUUID(),
        deliveryId: delivery.id,
        attempt: attempts,
        responseStatus: result.status ?? null,
        durationMs: result.durationMs,
        error: ok ? null : describe(result),
      },
    });
    const target = { subscription, delivery, attempts };
    if (ok) {
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { status: "delivered", attempts, lastStatus: result.status!, lastError: null, deliveredAt: now },
      });
      await tx.webhookSubscription.update({ where: { id: subscription.id }, data: { failingSince: null } });
      await emitWebhookDelivered(deps, tx, target, { status: result.status!, durationMs: result.durationMs });
      return;
    }
    await recordFailure(deps, tx, target, result, now);
  });
  return ok;
}

async function recordFailure(
  deps: Deps,
  tx: Tx,
  target: { subscription: WebhookSubscription; delivery: WebhookDelivery; attempts: number },
  result: PostResult,
  now: Date,
): Promise<void> {
  const { config } = deps;
  const { subscription, delivery, attempts } = target;
  const error = describe(result);
  const failingSince = subscription.failingSince ?? now;
  const gone = result.status === 410;
  const sustained = now.getTime() - failingSince.getTime() >= config.WEBHOOK_DISABLE_AFTER_MS;
  const delay = gone ? undefined : webhookRetryDelay(config.WEBHOOK_RETRY_SCHEDULE_MS, attempts, deps.random);
  const exhausted = !gone && delay === undefined;
  const nextAttemptAt = new Date(now.getTime() + Math.max(delay ?? 0, result.retryAfterMs ?? 0));
  await tx.webhookDelivery.update({
    where: { id: delivery.id },
    // A delivery stopped by disabling stays pending: it goes out once the owner enables the endpoint again.
    data: {
      status: exhausted ? "failed" : "pending",
      attempts,
      lastStatus: result.status ?? null,
      lastError: error,
      nextAttemptAt,
    },
  });
  await tx.webhookSubscription.update({ where: { id: subscription.id }, data: { failingSince } });
  const disableReason = gone
    ? "the endpoint answered 410 Gone"
    : sustained
      ? `every delivery attempt failed since ${failingSince.toISOString()}`
      : undefined;
  if (disableReason) await disableSubscription(deps, tx, subscription, disableReason);
  await emitWebhookFailed(deps, tx, target, {
    status: result.status,
    error,
    permanent: exhausted || disableReason !== undefined,
  });
}

function describe(result: PostResult): string {
  return result.error ?? `HTTP ${result.status}`;
}
