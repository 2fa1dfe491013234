import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { advisoryStreamName, type ServiceName } from "@tpx/contracts";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import type { Logger } from "@tpx/observability";
import { Counter, type Registry } from "prom-client";
import type { ConsumerRunner } from "./consumer-runner.ts";
import { consumeUntilStopped } from "./resilient-consume.ts";
import { StartStopGuard } from "./start-stop-guard.ts";
import { headersToCarrier } from "./trace-headers.ts";

/** The JSON JetStream publishes on `$JS.EVENT.ADVISORY.CONSUMER.{MAX_DELIVERIES,MSG_TERMINATED}.<stream>.<consumer>`. */
interface ConsumerAdvisory {
  type: string;
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

/**
 * Stream sequences are uint64 in JetStream and bigint in `dead_letter`; they travel as text between the two and become
 * a JS number only here, which is exact up to 2^53 (nats.js itself hands sequences out as numbers).
 */
function sequenceNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`stream sequence ${text} is beyond 2^53`);
  return value;
}

export interface DeadLetterRow {
  id: string;
  consumer: string;
  stream: string;
  streamSeq: number;
  subject: string;
  reason: string;
  deliveries: number;
  eventId: string | null;
  createdAt: Date;
  replayedAt: Date | null;
  replayError: string | null;
}

export interface DeadLetterOptions<Tx extends SqlExecutor> {
  service: ServiceName;
  namespace: string;
  db: TransactionRunner<Tx>;
  js: JetStreamClient;
  jsm: JetStreamManager;
  logger: Logger;
  runner: ConsumerRunner<Tx>;
  metrics?: Registry;
}

/**
 * Captures this service's dead letters from the advisory stream into its `dead_letter` table (with the original
 * message, read back from the event stream by sequence), lists them and replays one through its consumer.
 */
export class DeadLetters<Tx extends SqlExecutor> {
  private readonly options: DeadLetterOptions<Tx>;
  private stopCapture: (() => Promise<void>) | undefined;
  /** The start in progress, if any: a stop waits for it, and a capture started after a stop was asked for ends. */
  private readonly lifecycle = new StartStopGuard();
  private readonly captured: Counter | undefined;

  constructor(options: DeadLetterOptions<Tx>) {
    this.options = options;
    this.captured = options.metrics
      ? new Counter({
          name: "tpx_dead_letters_total",
          help: "Messages moved to the dead-letter store",
          labelNames: ["consumer", "reason"] as const,
          registers: [options.metrics],
        })
      : undefined;
  }

  async start(): Promise<void> {
    await this.lifecycle.start(() => this.startCapture());
  }

  /** Stops capturing; resolves once the advisories in hand are recorded. Called during `start`, it waits for it. */
  async stop(): Promise<void> {
    await this.lifecycle.requestStop();
    await this.stopCapture?.();
    this.stopCapture = undefined;
  }

  private async startCapture(): Promise<void> {
    const { jsm, js, namespace, service } = this.options;
    const stream = advisoryStreamName(namespace);
    const durable = `${service}__dead-letters`;
    await jsm.consumers
      .add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        max_deliver: -1,
      })
      .catch(async () => jsm.consumers.info(stream, durable));
    const consumer = await js.consumers.get(stream, durable);
    if (this.lifecycle.stopRequested) return;
    const log = this.options.logger.child({ consumer: durable });
    const running = await consumeUntilStopped(consumer, { maxMessages: 32, batchSize: 32 }, log, async (batch) => {
      for (const message of batch) {
        try {
          await this.capture(message.json<ConsumerAdvisory>());
          message.ack();
        } catch (error) {
          log.warn({ err: error }, "dead-letter capture failed");
          message.nak(2_000);
        }
      }
    });
    this.stopCapture = () => running.stop();
  }

  private async capture(advisory: ConsumerAdvisory): Promise<void> {
    if (!advisory.consumer.startsWith(`${this.options.service}__`)) return;
    const reason = advisory.type.endsWith("terminated") ? "terminated" : "max_deliveries";
    // null only when the message is gone from the stream; any other error (NATS unreachable) fails the capture so
    // the advisory is retried, instead of recording a dead letter without its body that can never be replayed.
    const stored = await this.options.jsm.streams.getMessage(advisory.stream, { seq: advisory.stream_seq });
    const body = stored ? new TextDecoder().decode(stored.data) : "";
    const headers = stored ? headersToCarrier(stored.header) : {};
    const eventId = headers["nats-msg-id"] ?? null;
    const inserted = await this.options.db.$executeRawUnsafe(
      // The id is generated here: Prisma's @default(uuid()) lives in the client, the column has no default.
      `INSERT INTO dead_letter (id, consumer, stream, stream_seq, subject, reason, deliveries, event_id, body, headers)
       VALUES (gen_random_uuid(), $1, $2, $3::bigint, $4, $5, $6, $7, $8, $9::jsonb)
       ON CONFLICT (stream, stream_seq, consumer) DO NOTHING`,
      advisory.consumer,
      advisory.stream,
      String(advisory.stream_seq),
      stored?.subject ?? "",
      reason,
      advisory.deliveries,
      eventId,
      body,
      JSON.stringify(headers),
    );
    if (inserted > 0) {
      this.captured?.inc({ consumer: advisory.consumer, reason });
      this.options.logger.error(
        { consumer: advisory.consumer, streamSeq: advisory.stream_seq, reason },
        "event dead-lettered",
      );
    }
  }

  async list(filter: { consumer?: string; pending?: boolean; limit?: number } = {}): Promise<DeadLetterRow[]> {
    const rows = await this.options.db.$queryRawUnsafe<(Omit<DeadLetterRow, "streamSeq"> & { streamSeq: string })[]>(
      `SELECT id::text AS id, consumer, stream, stream_seq::text AS "streamSeq", subject, reason, deliveries,
              event_id AS "eventId", created_at AS "createdAt", replayed_at AS "replayedAt", replay_error AS "replayError"
       FROM dead_letter
       WHERE ($1::text IS NULL OR consumer = $1) AND ($2::boolean IS NULL OR (replayed_at IS NULL) = $2)
       ORDER BY created_at DESC LIMIT $3`,
      filter.consumer ?? null,
      filter.pending ?? null,
      Math.min(filter.limit ?? 100, 500),
    );
    return rows.map((row) => ({ ...row, streamSeq: sequenceNumber(row.streamSeq) }));
  }

  /** Runs the stored message through its consumer again; returns undefined when there is no such dead letter. */
  async replay(id: string): Promise<{ outcome: string; error?: string } | undefined> {
    const [row] = await this.options.db.$queryRawUnsafe<
      { consumer: string; body: string; subject: string; streamSeq: string }[]
    >(`SELECT consumer, body, subject, stream_seq::text AS "streamSeq" FROM dead_letter WHERE id = $1::uuid`, id);
    if (!row) return undefined;
    try {
      const outcome = await this.options.runner.replay(row.consumer, row.body, {
        subject: row.subject,
        streamSequence: sequenceNumber(row.streamSeq),
      });
      if (outcome === "undecodable") throw new Error("the stored message cannot be decoded");
      await this.options.db.$executeRawUnsafe(
        "UPDATE dead_letter SET replayed_at = now(), replay_error = NULL WHERE id = $1::uuid",
        id,
      );
      return { outcome };
    } catch (error) {
      const message = (error as Error).message;
      await this.options.db.$executeRawUnsafe(
        "UPDATE dead_letter SET replay_error = $2 WHERE id = $1::uuid",
        id,
        message,
      );
      return { outcome: "failed", error: message };
    }
  }
}
