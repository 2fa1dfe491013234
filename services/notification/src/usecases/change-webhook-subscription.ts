import type { Principal } from "@tpx/service-kit";
import type { Deps } from "../deps.ts";
import type { WebhookSubscription } from "../generated/prisma/client.ts";
import { type SubscriptionInput, validateSubscription } from "./create-webhook-subscription.ts";
import { ownedSubscription } from "./owned-subscription.ts";

/** Changes URL, event types or description, or enables/disables; enabling clears the failure history. */
export async function updateWebhookSubscription(
  deps: Deps,
  principal: Principal,
  id: string,
  input: Partial<SubscriptionInput> & { enabled?: boolean },
): Promise<WebhookSubscription> {
  const subscription = await ownedSubscription(deps, principal, id);
  await validateSubscription(deps, input);
  const enabling = input.enabled === true && !subscription.enabled;
  const disabling = input.enabled === false && subscription.enabled;
  return deps.db.webhookSubscription.update({
    where: { id: subscription.id },
    data: {
      ...(input.url === undefined ? {} : { url: input.url }),
      ...(input.eventTypes === undefined ? {} : { eventTypes: [...new Set(input.eventTypes)] }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(enabling ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null } : {}),
      ...(disabling ? { enabled: false, disabledAt: deps.now(), disabledReason: "disabled by its owner" } : {}),
    },
  });
}

export async function deleteWebhookSubscription(deps: Deps, principal: Principal, id: string): Promise<void> {
  const subscription = await ownedSubscription(deps, principal, id);
  await deps.db.webhookSubscription.delete({ where: { id: subscription.id } });
}
