import { randomUUID } from "node:crypto";
import type { CloudEvent } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import { subscriptionReceives } from "../domain/event-filter.ts";

/**
 * Queues one delivery per enabled subscription that wants the event, in the consumer's transaction; the unique
 * (subscription, event) key makes a redelivered event a no-op. The body sent is the CloudEvent as received.
 */
export async function fanOutEvent(tx: Tx, envelope: CloudEvent<unknown>, at?: Date): Promise<number> {
  const subscriptions = await tx.webhookSubscription.findMany({
    where: { enabled: true },
    select: { id: true, eventTypes: true, ownerPartnerId: true },
  });
  const receivers = subscriptions.filter((subscription) =>
    subscriptionReceives(subscription, { type: envelope.type, data: envelope.data }),
  );
  const payload = JSON.stringify(envelope);
  for (const subscription of receivers) {
    await queueDelivery(tx, subscription.id, envelope.id, envelope.type, payload, at);
  }
  return receivers.length;
}

export async function queueDelivery(
  tx: Tx,
  subscriptionId: string,
  eventId: string,
  eventType: string,
  payload: string,
  /** Due time of the first attempt; the database's now() when omitted. */
  at?: Date,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, next_attempt_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, COALESCE($6::timestamptz, now()))
     ON CONFLICT (subscription_id, event_id) DO NOTHING`,
    randomUUID(),
    subscriptionId,
    eventId,
    eventType,
    payload,
    at?.toISOString() ?? null,
  );
}
