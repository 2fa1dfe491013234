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
}

/**
 * Writes events into the service's `outbox_event` table inside the caller's transaction, so the event exists if and
 * only if the state change it describes was committed. The current trace context is stored with it.
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
    const trace = injectTraceContext();
    const envelope: CloudEvent = {
      ...createEnvelope({
        source: `tpx/${this.options.service}`,
        type: contract.type,
        dataschema: contract.dataschema,
        data: contract.encode(data),
        ...options,
      }),
      ...trace,
    };
    const subject = subjectFor(this.options.namespace, contract.type, contract.version);
    await tx.$executeRawUnsafe(
      "INSERT INTO outbox_event (id, subject, type, payload, headers) VALUES ($1::uuid, $2, $3, $4::jsonb, $5::jsonb)",
      envelope.id,
      subject,
      contract.type,
      JSON.stringify(envelope),
      JSON.stringify(trace),
    );
    this.options.onWrite?.();
    return envelope;
  }
}
