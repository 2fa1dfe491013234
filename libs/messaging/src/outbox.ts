import type { Context } from "@opentelemetry/api";
import { type CloudEvent, createEnvelope, type EventContract, type ServiceName, subjectFor } from "@tpx/contracts";
import type { SqlExecutor } from "@tpx/db";
import { injectTraceContext } from "@tpx/observability";

export interface OutboxOptions {
  service: ServiceName;
  namespace: string;
  /** Called after a row is written, so the relay can publish without waiting for its next poll. */
  onWrite?: () => void;
}

export interface AddEventOptions {
  /** The aggregate the event is about (CloudEvents `subject`), e.g. the partner id. */
  subject?: string;
  id?: string;
  time?: Date;
  /** The trace to store with the event instead of the active one (an event caused by one event of a batch). */
  traceContext?: Context;
}

/** One event for `Outbox.addMany`; build it with `outboxEntry`, which checks the data against the contract. */
export interface OutboxEntry {
  contract: EventContract<unknown>;
  data: unknown;
  options?: AddEventOptions;
}

export function outboxEntry<T>(contract: EventContract<T>, data: T, options: AddEventOptions = {}): OutboxEntry {
  return { contract: contract as EventContract<unknown>, data, options };
}

/**
 * Writes events into the service's `outbox_event` table inside the caller's transaction, so the event exists if and
 * only if the state change it describes was committed. The current trace context is stored with it. Events are
 * published in the order they were written (the table's `seq`), also within one transaction.
 */
export class Outbox {
  private readonly options: OutboxOptions;

  constructor(options: OutboxOptions) {
    this.options = options;
  }

  async add<T>(
    tx: SqlExecutor,
    contract: EventContract<T>,
    data: T,
    options: AddEventOptions = {},
  ): Promise<CloudEvent> {
    const row = this.rowFor(outboxEntry(contract, data, options));
    await tx.$executeRawUnsafe(
      "INSERT INTO outbox_event (id, subject, type, payload, headers) VALUES ($1::uuid, $2, $3, $4::jsonb, $5::jsonb)",
      row.id,
      row.subject,
      row.type,
      JSON.stringify(row.payload),
      JSON.stringify(row.headers),
    );
    this.options.onWrite?.();
    return row.payload;
  }

  /** Several events in one statement (a consumer's batch); returns their envelopes in the order given. */
  async addMany(tx: SqlExecutor, entries: readonly OutboxEntry[]): Promise<CloudEvent[]> {
    if (entries.length === 0) return [];
    const rows = entries.map((entry) => this.rowFor(entry));
    await tx.$executeRawUnsafe(
      // seq (the relay's order within a transaction) is drawn row by row as inserted: ORDER BY keeps the given order.
      `INSERT INTO outbox_event (id, subject, type, payload, headers)
       SELECT r.id, r.subject, r.type, r.payload, r.headers
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(row, position),
            jsonb_to_record(e.row) AS r(id uuid, subject text, type text, payload jsonb, headers jsonb)
       ORDER BY e.position`,
      JSON.stringify(rows),
    );
    this.options.onWrite?.();
    return rows.map((row) => row.payload);
  }

  private rowFor({ contract, data, options = {} }: OutboxEntry) {
    const { traceContext, ...envelopeOptions } = options;
    const trace = injectTraceContext(traceContext);
    const payload: CloudEvent = {
      ...createEnvelope({
        source: `tpx/${this.options.service}`,
        type: contract.type,
        dataschema: contract.dataschema,
        data: contract.encode(data),
        ...envelopeOptions,
      }),
      ...trace,
    };
    const subject = subjectFor(this.options.namespace, contract.type, contract.version);
    return { id: payload.id, subject, type: contract.type, payload, headers: trace };
  }
}
