import {
  AckPolicy,
  type Consumer,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import { SpanKind } from "@opentelemetry/api";
import { durableName, EventDecodeError, parseEnvelope, type ServiceName, streamName, subjectFor } from "@tpx/contracts";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import { extractTraceContext, inSpan, type Logger } from "@tpx/observability";
import { Counter, type Registry } from "prom-client";
import { type ConsumerDefinition, DEFAULT_RETRY_POLICY, type RetryPolicy, redeliveryDelay } from "./consumer.ts";
import { headersToCarrier } from "./trace-headers.ts";

export interface ConsumerRunnerOptions<Tx extends SqlExecutor> {
  service: ServiceName;
  namespace: string;
  db: TransactionRunner<Tx>;
  js: JetStreamClient;
  jsm: JetStreamManager;
  logger: Logger;
  metrics?: Registry;
  retry?: Partial<RetryPolicy>;
}

/** Outcome of running one message through a consumer; shared by live delivery and dead-letter replay. */
export type ProcessOutcome = "applied" | "duplicate" | "undecodable";

interface Running {
  stop(): Promise<void>;
}

/**
 * Runs declared consumers as durable JetStream pull consumers: decode (undecodable → bare `term()`, which 2.9
 * honours, unlike `term(reason)`), apply in one transaction with the inbox row, ack after commit, `nak(delay)` on
 * failure until `max_deliver`, after which the advisory feeds the dead-letter store.
 */
export class ConsumerRunner<Tx extends SqlExecutor> {
  private readonly options: ConsumerRunnerOptions<Tx>;
  private readonly policy: RetryPolicy;
  private readonly definitions = new Map<string, ConsumerDefinition<Tx, unknown>>();
  private readonly running: Running[] = [];
  private readonly processed: Counter | undefined;

  constructor(options: ConsumerRunnerOptions<Tx>) {
    this.options = options;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.processed = options.metrics
      ? new Counter({
          name: "tpx_events_consumed_total",
          help: "Events handled by consumers, by outcome",
          labelNames: ["consumer", "outcome"] as const,
          registers: [options.metrics],
        })
      : undefined;
  }

  add<T>(definition: ConsumerDefinition<Tx, T>): this {
    this.definitions.set(this.durableOf(definition), definition as ConsumerDefinition<Tx, unknown>);
    return this;
  }

  durableOf(definition: ConsumerDefinition<Tx, unknown> | ConsumerDefinition<Tx, never>): string {
    const { contract, name } = definition as ConsumerDefinition<Tx, unknown>;
    return name
      ? `${this.options.service}__${name}`
      : durableName(this.options.service, contract.type, contract.version);
  }

  names(): string[] {
    return [...this.definitions.keys()];
  }

  async start(): Promise<void> {
    for (const [durable, definition] of this.definitions) {
      const consumer = await this.ensureConsumer(durable, definition);
      this.running.push(await this.consume(durable, definition, consumer));
    }
  }

  /** Stops pulling; resolves after in-flight messages are finished (acked or nak'd). */
  async stop(): Promise<void> {
    await Promise.all(this.running.splice(0).map((running) => running.stop()));
  }

  /** Runs one raw message body through the named consumer (used by dead-letter replay). */
  async replay(
    durable: string,
    body: string,
    meta: { subject: string; streamSequence: number },
  ): Promise<ProcessOutcome> {
    const definition = this.definitions.get(durable);
    if (!definition) throw new Error(`no consumer ${durable} in this service`);
    return this.process(durable, definition, new TextEncoder().encode(body), { ...meta, deliveryCount: 1 });
  }

  private async ensureConsumer(durable: string, definition: ConsumerDefinition<Tx, unknown>): Promise<Consumer> {
    const { jsm, js, namespace } = this.options;
    const stream = streamName(namespace, definition.contract.producer);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: subjectFor(namespace, definition.contract.type, definition.contract.version),
      max_deliver: this.policy.maxDeliver,
      ack_wait: nanos(this.policy.ackWaitMs),
      max_ack_pending: 1000,
    };
    try {
      await jsm.consumers.add(stream, config);
    } catch {
      // It exists with other settings (a changed policy): update what may change.
      const { durable_name: _name, deliver_policy: _deliver, ...mutable } = config;
      await jsm.consumers.update(stream, durable, mutable);
    }
    return js.consumers.get(stream, durable);
  }

  private async consume(
    durable: string,
    definition: ConsumerDefinition<Tx, unknown>,
    consumer: Consumer,
  ): Promise<Running> {
    const messages = await consumer.consume({ max_messages: 64 });
    const log = this.options.logger.child({ consumer: durable });
    const loop = (async () => {
      for await (const message of messages) {
        await this.deliver(durable, definition, message, log);
      }
    })();
    return {
      stop: async () => {
        await messages.close();
        await loop;
      },
    };
  }

  private async deliver(
    durable: string,
    definition: ConsumerDefinition<Tx, unknown>,
    message: JsMsg,
    log: Logger,
  ): Promise<void> {
    const meta = {
      subject: message.subject,
      streamSequence: message.info.streamSequence,
      deliveryCount: message.info.deliveryCount,
    };
    try {
      const outcome = await inSpan(
        `${message.subject} receive`,
        {
          kind: SpanKind.CONSUMER,
          parent: extractTraceContext(headersToCarrier(message.headers)),
          attributes: { "messaging.consumer.name": durable },
        },
        () => this.process(durable, definition, message.data, meta),
      );
      this.processed?.inc({ consumer: durable, outcome });
      if (outcome === "undecodable") message.term();
      else message.ack();
    } catch (error) {
      this.processed?.inc({ consumer: durable, outcome: "failed" });
      const delay = redeliveryDelay(this.policy, meta.deliveryCount);
      log.warn({ err: error, ...meta, retryInMs: delay }, "event handling failed");
      message.nak(delay);
    }
  }

  private async process(
    durable: string,
    definition: ConsumerDefinition<Tx, unknown>,
    body: Uint8Array,
    meta: { subject: string; streamSequence: number; deliveryCount: number },
  ): Promise<ProcessOutcome> {
    let envelope: ReturnType<typeof parseEnvelope>;
    let data: unknown;
    try {
      envelope = parseEnvelope(body);
      if (envelope.type !== definition.contract.type) throw new EventDecodeError(`unexpected type ${envelope.type}`);
      data = definition.contract.decode(envelope.data);
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      this.options.logger.error({ consumer: durable, ...meta, reason: error.message }, "undecodable event terminated");
      return "undecodable";
    }
    return this.options.db.$transaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        "INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        durable,
        envelope.id,
      );
      if (inserted === 0) return "duplicate";
      await definition.handle(tx, { envelope, data, ...meta });
      return "applied";
    });
  }
}
