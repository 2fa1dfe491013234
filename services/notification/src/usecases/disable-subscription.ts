import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import type { WebhookSubscription } from "../generated/prisma/client.ts";
import { enqueueMessage } from "./enqueue-message.ts";

/** Disables an endpoint and e-mails its owner the reason (out of band: the endpoint itself is what is broken). */
export async function disableSubscription(
  deps: Deps,
  tx: Tx,
  subscription: WebhookSubscription,
  reason: string,
): Promise<void> {
  const disabledAt = deps.now();
  await tx.webhookSubscription.update({
    where: { id: subscription.id },
    data: { enabled: false, disabledAt, disabledReason: reason },
  });
  deps.logger.warn({ subscriptionId: subscription.id, reason }, "webhook endpoint disabled");
  const owner = await tx.contact.findUnique({ where: { userId: subscription.ownerUserId } });
  if (!owner) return;
  await enqueueMessage(deps, tx, {
    dedupeKey: `webhook-disabled:${subscription.id}:${disabledAt.toISOString()}`,
    channel: "email",
    recipient: owner.email,
    template: "webhook_disabled",
    variables: { name: owner.displayName ?? owner.email, url: subscription.url, reason },
    partnerId: subscription.ownerPartnerId ?? undefined,
  });
}
