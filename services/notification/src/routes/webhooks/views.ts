import type { WebhookAttempt, WebhookDelivery, WebhookSubscription } from "../../generated/prisma/client.ts";

export function subscriptionView(subscription: WebhookSubscription) {
  return {
    id: subscription.id,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    description: subscription.description,
    ownerPartnerId: subscription.ownerPartnerId,
    enabled: subscription.enabled,
    disabledAt: subscription.disabledAt?.toISOString() ?? null,
    disabledReason: subscription.disabledReason,
    createdAt: subscription.createdAt.toISOString(),
  };
}

export function deliveryView(delivery: WebhookDelivery & { attemptLog?: WebhookAttempt[] }) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt.toISOString(),
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    ...(delivery.attemptLog
      ? {
          attemptLog: delivery.attemptLog.map((attempt) => ({
            attempt: attempt.attempt,
            responseStatus: attempt.responseStatus,
            durationMs: attempt.durationMs,
            error: attempt.error,
            at: attempt.createdAt.toISOString(),
          })),
        }
      : {}),
  };
}
