import { randomUUID } from "node:crypto";
import { NotFoundError, type Principal } from "@tpx/service-kit";
import type { Deps } from "../deps.ts";
import type { WebhookDelivery } from "../generated/prisma/client.ts";
import { queueDelivery } from "./fan-out-event.ts";
import { ownedSubscription } from "./owned-subscription.ts";

/** Puts a delivery back in its endpoint's queue with a fresh retry schedule (same webhook-id, so receivers dedupe). */
export async function redeliverWebhook(
  deps: Deps,
  principal: Principal,
  subscriptionId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  const subscription = await ownedSubscription(deps, principal, subscriptionId);
  const { count } = await deps.db.webhookDelivery.updateMany({
    where: { id: deliveryId, subscriptionId: subscription.id },
    data: { status: "pending", attempts: 0, nextAttemptAt: deps.now() },
  });
  if (count === 0) throw new NotFoundError("The delivery");
  return deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
}

/** Queues a `webhook.test` event to the endpoint, behind whatever is already waiting for it. */
export async function sendTestPing(deps: Deps, principal: Principal, subscriptionId: string): Promise<WebhookDelivery> {
  const subscription = await ownedSubscription(deps, principal, subscriptionId);
  const eventId = randomUUID();
  const envelope = {
    specversion: "1.0",
    id: eventId,
    source: "tpx/notification",
    type: "webhook.test",
    time: deps.now().toISOString(),
    datacontenttype: "application/json",
    data: { subscriptionId: subscription.id },
  };
  await deps.db.$transaction((tx) =>
    queueDelivery(tx, subscription.id, eventId, "webhook.test", JSON.stringify(envelope), deps.now()),
  );
  return deps.db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: subscription.id, eventId } });
}
