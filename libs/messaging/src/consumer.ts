import type { Context } from "@opentelemetry/api";
import type { CloudEvent, EventContract } from "@tpx/contracts";
import type { SqlExecutor } from "@tpx/db";

export interface ReceivedEvent<T> {
  envelope: CloudEvent<unknown>;
  data: T;
  subject: string;
  streamSequence: number;
  deliveryCount: number;
  /**
   * The trace the event belongs to (its consumer span). `handle` already runs inside it; a batch handler passes it to
   * `Outbox.addMany` so each event it causes stays in the trace of the event that caused it.
   */
  traceContext?: Context;
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
  /**
   * Optional set-based variant of `handle` for a batch of received events, in delivery order, inbox duplicates already
   * removed (it is not called when every event was a duplicate). Its effect must equal `handle` applied to each event
   * in turn: single events, the one-by-one retry after a failed batch and dead-letter replay still go to `handle`.
   */
  handleBatch?(tx: Tx, events: readonly ReceivedEvent<T>[]): Promise<void>;
  /**
   * Most messages of this consumer applied in one transaction, instead of the runner's `batchSize`: worth raising for
   * a `handleBatch` whose cost is mostly per batch (statements, commit) rather than per event.
   */
  batchSize?: number;
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
