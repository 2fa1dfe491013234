import {
  AckPolicy,
  type Consumer,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import { type Context, context, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { durableName, EventDecodeError, type ServiceName, streamName, subjectFor } from "@tpx/contracts";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import { extractTraceContext, type Logger, tracer } from "@tpx/observability";
import { Counter, type Registry } from "prom-client";
import { type ConsumerDefinition, DEFAULT_RETRY_POLICY, type RetryPolicy, redeliveryDelay } from "./consumer.ts";
import { applyEvents, type DecodedEvent, type DeliveryMeta, decodeEvent, type ProcessOutcome } from "./inbox.ts";
import { consumeUntilStopped, type RunningConsumer } from "./resilient-consume.ts";
import { PeriodicPruner, pruneInboxRows } from "./retention.ts";
import { StartStopGuard } from "./start-stop-guard.ts";
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
  /**
   * Most messages applied in one transaction (default 32; 1 = a transaction per message). Only messages already
   * received are grouped, nothing waits for a batch to fill, so at low load batches are single messages. A batch that
   * fails is retried message by message, so one failing event never takes the others down with it. A consumer
   * definition may set its own.
   */
  batchSize?: number;
  /**
   * Messages JetStream hands this durable before they are acked (default 256, shared by all replicas). The client
   * pulls ahead of processing up to this limit and time spent in that buffer counts against AckWait, so it must stay
   * well below what the consumer gets through in one AckWait. Messages waiting for a retry also occupy it.
   */
  maxAckPending?: number;
  /**
   * Inbox rows (`processed_event`) are deleted this many days after their event was applied, in batches, every
   * `pruneIntervalMs` while the runner runs. A row must outlive every way a copy of its event can still arrive: the
   * streams' max_age (a consumer created anew replays what they hold) and the producers' outbox retention (a lost
   * stream re-published). Unset: inbox rows are kept.
   */
  inboxRetentionDays?: number;
  /** How often expired inbox rows are looked for (default 5 minutes). */
  pruneIntervalMs?: number;
}

export type { ProcessOutcome } from "./inbox.ts";

/** Messages requested from JetStream per pull. */
const PULL_BATCH = 64;

/** One received message on its way to an ack, nak or term. */
interface Delivery {
  message: JsMsg;
  event: DecodedEvent;
  span: Span;
  context: Context;
}

/**
 * Runs declared consumers as durable JetStream pull consumers: decode (undecodable → bare `term()`, which 2.9
 * honours, unlike `term(reason)`), apply in one transaction with the inbox row, ack after commit, `nak(delay)` on
 * failure until `max_deliver`, after which the advisory feeds the dead-letter store.
 */
export class ConsumerRunner<Tx extends SqlExecutor> {
  private readonly options: ConsumerRunnerOptions<Tx>;
  private readonly policy: RetryPolicy;
  private readonly batchSize: number;
  private readonly definitions = new Map<string, ConsumerDefinition<Tx, unknown>>();
  private readonly running: RunningConsumer[] = [];
  /** The start in progress, if any: a stop waits for it, and it starts nothing more once a stop was asked for. */
  private readonly lifecycle = new StartStopGuard();
  private readonly processed: Counter | undefined;
  private readonly pruner: PeriodicPruner | undefined;

  constructor(options: ConsumerRunnerOptions<Tx>) {
    this.options = options;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.batchSize = Math.max(1, options.batchSize ?? 32);
    this.processed = options.metrics
      ? new Counter({
          name: "tpx_events_consumed_total",
          help: "Events handled by consumers, by outcome",
          labelNames: ["consumer", "outcome"] as const,
          registers: [options.metrics],
        })
      : undefined;
    const { inboxRetentionDays, db, metrics } = options;
    if (inboxRetentionDays !== undefined) {
      this.pruner = new PeriodicPruner({
        table: "processed_event",
        pruneBatch: (limit) => pruneInboxRows(db, inboxRetentionDays, limit),
        logger: options.logger,
        ...(options.pruneIntervalMs === undefined ? {} : { intervalMs: options.pruneIntervalMs }),
        ...(metrics
          ? {
              deleted: new Counter({
                name: "tpx_inbox_pruned_total",
                help: "Inbox (processed_event) rows deleted after their retention",
                registers: [metrics],
              }),
            }
          : {}),
      });
    }
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
    await this.lifecycle.start(() => this.startConsumers());
  }

  /**
   * Stops pulling; resolves once the batches in hand are finished (acked after commit, or nak'd); messages received
   * but not yet handled are released for immediate redelivery. Called during `start`, it waits for the step in
   * progress (a JetStream request), lets no further consumer start, and stops those that did.
   */
  async stop(): Promise<void> {
    await this.lifecycle.requestStop();
    await Promise.all([...this.running.splice(0).map((running) => running.stop()), this.pruner?.stop()]);
  }

  private async startConsumers(): Promise<void> {
    for (const [durable, definition] of this.definitions) {
      if (this.lifecycle.stopRequested) return;
      const consumer = await this.ensureConsumer(durable, definition);
      if (this.lifecycle.stopRequested) return;
      this.running.push(await this.consume(durable, definition, consumer));
    }
    if (!this.lifecycle.stopRequested) this.pruner?.start();
  }

  /** Deletes the inbox rows past their retention now (what the runner does every few minutes); returns how many. */
  pruneInbox(): Promise<number> {
    return this.pruner?.pruneNow() ?? Promise.resolve(0);
  }

  /** Runs one raw message body through the named consumer (used by dead-letter replay). */
  async replay(
    durable: string,
    body: string,
    meta: { subject: string; streamSequence: number },
  ): Promise<ProcessOutcome> {
    const definition = this.definitions.get(durable);
    if (!definition) throw new Error(`no consumer ${durable} in this service`);
    const event = decodeEvent(definition, new TextEncoder().encode(body), { ...meta, deliveryCount: 1 });
    if (event instanceof EventDecodeError) return "undecodable";
    const [outcome] = await applyEvents(this.options.db, durable, definition, [event]);
    return outcome!;
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
      max_ack_pending: this.options.maxAckPending ?? 256,
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

  private consume(
    durable: string,
    definition: ConsumerDefinition<Tx, unknown>,
    consumer: Consumer,
  ): Promise<RunningConsumer> {
    const log = this.options.logger.child({ consumer: durable });
    // A process that dies leaves its open pull requests on the server, and nats-server 2.9 keeps delivering to them
    // until they expire: each such delivery is lost for an AckWait and counts against max_deliver. Pulls that expire
    // within half an AckWait are gone before the first redelivery of what the dead process held.
    const expiresMs = Math.min(30_000, Math.max(1_000, Math.floor(this.policy.ackWaitMs / 2)));
    const batchSize = Math.max(1, definition.batchSize ?? this.batchSize);
    const settings = { maxMessages: Math.max(PULL_BATCH, batchSize), batchSize, expiresMs };
    return consumeUntilStopped(consumer, settings, log, (batch) => this.deliver(durable, definition, batch, log));
  }

  private async deliver(durable: string, definition: ConsumerDefinition<Tx, unknown>, messages: JsMsg[], log: Logger) {
    const deliveries: Delivery[] = [];
    for (const message of messages) {
      const meta: DeliveryMeta = {
        subject: message.subject,
        streamSequence: message.info.streamSequence,
        deliveryCount: message.info.deliveryCount,
      };
      const parent = extractTraceContext(headersToCarrier(message.headers));
      const span = tracer().startSpan(
        `${message.subject} receive`,
        { kind: SpanKind.CONSUMER, attributes: { "messaging.consumer.name": durable } },
        parent,
      );
      const event = decodeEvent(definition, message.data, meta);
      if (event instanceof EventDecodeError) {
        log.error({ ...meta, reason: event.message }, "undecodable event terminated");
        this.processed?.inc({ consumer: durable, outcome: "undecodable" });
        settle(log, () => message.term());
        span.setStatus({ code: SpanStatusCode.ERROR, message: event.message }).end();
        continue;
      }
      const traceContext = trace.setSpan(parent, span);
      deliveries.push({ message, event: { ...event, traceContext }, span, context: traceContext });
    }
    if (deliveries.length > 1) {
      try {
        const outcomes = await this.apply(durable, definition, deliveries);
        for (const [index, delivery] of deliveries.entries()) this.succeeded(durable, delivery, outcomes[index]!, log);
        return;
      } catch (error) {
        // Nothing of the batch was committed: find the failing event by applying them one at a time.
        log.debug({ err: error, size: deliveries.length }, "batch failed; applying its events one by one");
      }
    }
    for (const delivery of deliveries) {
      try {
        const [outcome] = await this.apply(durable, definition, [delivery]);
        this.succeeded(durable, delivery, outcome!, log);
      } catch (error) {
        this.failed(durable, delivery, error, log);
      }
    }
  }

  private apply(durable: string, definition: ConsumerDefinition<Tx, unknown>, deliveries: Delivery[]) {
    return applyEvents(
      this.options.db,
      durable,
      definition,
      deliveries.map((delivery) => delivery.event),
      (index, handle) => context.with(deliveries[index]!.context, handle),
    );
  }

  /** Committed: ack (a lost ack only means a redelivery the inbox absorbs). */
  private succeeded(durable: string, delivery: Delivery, outcome: ProcessOutcome, log: Logger): void {
    this.processed?.inc({ consumer: durable, outcome });
    settle(log, () => delivery.message.ack());
    delivery.span.end();
  }

  private failed(durable: string, delivery: Delivery, error: unknown, log: Logger): void {
    this.processed?.inc({ consumer: durable, outcome: "failed" });
    const delay = redeliveryDelay(this.policy, delivery.event.meta.deliveryCount);
    log.warn({ err: error, ...delivery.event.meta, retryInMs: delay }, "event handling failed");
    settle(log, () => delivery.message.nak(delay));
    delivery.span.recordException(error as Error);
    delivery.span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message }).end();
  }
}

/** ack/nak/term only fail when the connection is gone; JetStream then redelivers after AckWait, which is safe. */
function settle(log: Logger, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    log.warn({ err: error }, "could not settle message; it will be redelivered");
  }
}
