import type { Context } from "@opentelemetry/api";
import { type CloudEvent, EventDecodeError, parseEnvelope } from "@tpx/contracts";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import type { ConsumerDefinition, ReceivedEvent } from "./consumer.ts";

/** Outcome of running one message through a consumer; shared by live delivery and dead-letter replay. */
export type ProcessOutcome = "applied" | "duplicate" | "undecodable";

export interface DeliveryMeta {
  subject: string;
  streamSequence: number;
  deliveryCount: number;
}

export interface DecodedEvent {
  envelope: CloudEvent<unknown>;
  data: unknown;
  meta: DeliveryMeta;
  /** The consumer span's context, for live deliveries. */
  traceContext?: Context;
}

/** Parses the envelope and decodes its data with the consumer's contract; an `EventDecodeError` means "terminate". */
export function decodeEvent(
  definition: ConsumerDefinition<SqlExecutor, unknown>,
  body: Uint8Array,
  meta: DeliveryMeta,
): DecodedEvent | EventDecodeError {
  try {
    const envelope = parseEnvelope(body);
    if (envelope.type !== definition.contract.type) throw new EventDecodeError(`unexpected type ${envelope.type}`);
    return { envelope, data: definition.contract.decode(envelope.data), meta };
  } catch (error) {
    if (error instanceof EventDecodeError) return error;
    throw error;
  }
}

/**
 * Applies events in ONE transaction: inbox rows for all of them, then the handler of each event whose row is new, in
 * delivery order, or, when the consumer has a `handleBatch` and this is a batch, that once for all the new ones. Either
 * every effect and inbox row commits or none does, so a failure can be retried event by event.
 * Inbox rows are inserted in event-id order, so two replicas handling overlapping batches lock them in the same
 * order instead of deadlocking.
 */
export async function applyEvents<Tx extends SqlExecutor>(
  db: TransactionRunner<Tx>,
  durable: string,
  definition: ConsumerDefinition<Tx, unknown>,
  events: readonly DecodedEvent[],
  around?: (index: number, fn: () => Promise<void>) => Promise<void>,
): Promise<("applied" | "duplicate")[]> {
  const ids = [...new Set(events.map((event) => event.envelope.id))].sort();
  const batchHandler = events.length > 1 ? definition.handleBatch?.bind(definition) : undefined;
  // Prisma's default transaction timeout (5 s) stays: a batch that runs into it is retried event by event.
  return db.$transaction(async (tx) => {
    const inserted = await tx.$queryRawUnsafe<{ event_id: string }[]>(
      `INSERT INTO processed_event (consumer, event_id)
         SELECT $1, id FROM unnest($2::text[]) AS id ORDER BY id
         ON CONFLICT DO NOTHING RETURNING event_id`,
      durable,
      ids,
    );
    const fresh = new Set(inserted.map((row) => row.event_id));
    const outcomes: ("applied" | "duplicate")[] = [];
    const received: ReceivedEvent<unknown>[] = [];
    for (const [index, event] of events.entries()) {
      // The first copy of an id in the batch claims it; later copies are duplicates like any redelivery.
      if (!fresh.delete(event.envelope.id)) {
        outcomes.push("duplicate");
        continue;
      }
      outcomes.push("applied");
      const receivedEvent = {
        envelope: event.envelope,
        data: event.data,
        ...event.meta,
        ...(event.traceContext ? { traceContext: event.traceContext } : {}),
      };
      if (batchHandler) {
        received.push(receivedEvent);
        continue;
      }
      const handle = () => definition.handle(tx, receivedEvent);
      await (around ? around(index, handle) : handle());
    }
    if (batchHandler && received.length > 0) await batchHandler(tx, received);
    return outcomes;
  });
}
