import { EVENT_CATALOG, type EventContract } from "@tpx/contracts";
import { type ConsumerDefinition, defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { isWebhookable } from "../domain/event-filter.ts";
import { fanOutEvent } from "../usecases/fan-out-event.ts";

/**
 * One durable consumer per event version in the catalog (`notification__webhooks-<type>-v<n>`), each queueing
 * deliveries for the subscriptions that want the event. Our own webhook.* events are left out (they would loop).
 */
export function webhookFanoutConsumers(
  contracts: readonly EventContract<unknown>[] = EVENT_CATALOG as readonly EventContract<unknown>[],
): ConsumerDefinition<Tx, unknown>[] {
  return contracts
    .filter((contract) => isWebhookable(contract.type))
    .map((contract) =>
      defineConsumer<Tx, unknown>({
        contract,
        name: `webhooks-${contract.type.replaceAll(".", "-").replaceAll("_", "-")}-v${contract.version}`,
        handle: async (tx, event) => {
          await fanOutEvent(tx, event.envelope);
        },
      }),
    );
}
