import { timestampFromDate, webhookDeliveredV1, webhookFailedV1 } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import type { WebhookDelivery, WebhookSubscription } from "../generated/prisma/client.ts";

function common(subscription: WebhookSubscription, delivery: WebhookDelivery, attempts: number) {
  return {
    deliveryId: delivery.id,
    subscriptionId: subscription.id,
    ...(subscription.ownerPartnerId ? { partnerId: subscription.ownerPartnerId } : {}),
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    attempts,
  };
}

export async function emitWebhookDelivered(
  deps: Deps,
  tx: Tx,
  target: { subscription: WebhookSubscription; delivery: WebhookDelivery; attempts: number },
  result: { status: number; durationMs: number },
): Promise<void> {
  await deps.outbox.add(
    tx,
    webhookDeliveredV1,
    webhookDeliveredV1.create({
      ...common(target.subscription, target.delivery, target.attempts),
      responseStatus: result.status,
      durationMs: result.durationMs,
      deliveredAt: timestampFromDate(deps.now()),
    }),
    { subject: target.subscription.id },
  );
}

export async function emitWebhookFailed(
  deps: Deps,
  tx: Tx,
  target: { subscription: WebhookSubscription; delivery: WebhookDelivery; attempts: number },
  result: { status: number | undefined; error: string; permanent: boolean },
): Promise<void> {
  await deps.outbox.add(
    tx,
    webhookFailedV1,
    webhookFailedV1.create({
      ...common(target.subscription, target.delivery, target.attempts),
      ...(result.status === undefined ? {} : { responseStatus: result.status }),
      errorMessage: result.error,
      permanent: result.permanent,
      failedAt: timestampFromDate(deps.now()),
    }),
    { subject: target.subscription.id },
  );
}
