import type { CloudEvent, EventContract } from "@tpx/contracts";
import type { SqlExecutor } from "@tpx/db";

export interface ReceivedEvent<T> {
  envelope: CloudEvent<unknown>;
  data: T;
  subject: string;
  streamSequence: number;
  deliveryCount: number;
}

/**
 * A consumer declares which event it reads and what it does with it. `handle` runs inside the transaction that also
 * records the event as processed, so its database effect happens exactly once; it must not ack or publish itself
 * (events it causes go through the outbox with the same `tx`).
 */
export interface ConsumerDefinition<Tx extends SqlExecutor, T> {
  contract: EventContract<T>;
  /** Distinguishes two consumers of the same event in one service; defaults to the event type. */
  name?: string;
  handle(tx: Tx, event: ReceivedEvent<T>): Promise<void>;
}

export function defineConsumer<Tx extends SqlExecutor, T>(
  definition: ConsumerDefinition<Tx, T>,
): ConsumerDefinition<Tx, T> {
  return definition;
}

export interface RetryPolicy {
  /** Deliveries before JetStream gives up and the dead-letter store takes over. */
  maxDeliver: number;
  /** Delay before each redelivery after a failure; the last value repeats. */
  backoffMs: readonly number[];
  /** How long a delivery may stay unacknowledged before JetStream redelivers it. */
  ackWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxDeliver: 8,
  backoffMs: [1_000, 5_000, 30_000, 120_000, 600_000],
  ackWaitMs: 30_000,
};

export function redeliveryDelay(policy: RetryPolicy, deliveryCount: number): number {
  const index = Math.min(Math.max(deliveryCount - 1, 0), policy.backoffMs.length - 1);
  return policy.backoffMs[index] ?? 1_000;
}
