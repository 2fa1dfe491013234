import type { JetStreamClient } from "@nats-io/jetstream";
import type { TransactionRunner } from "@tpx/db";
import type { Logger } from "@tpx/observability";
import { Gauge, type Registry } from "prom-client";
import { carrierToHeaders } from "./trace-headers.ts";

interface PendingRow {
  id: string;
  subject: string;
  payload: unknown;
  headers: Record<string, string>;
}

export interface OutboxRelayOptions {
  db: TransactionRunner;
  js: JetStreamClient;
  logger: Logger;
  metrics?: Registry;
  batchSize?: number;
  pollIntervalMs?: number;
  publishTimeoutMs?: number;
  /** Fault injection for tests: runs after the batch was published and before it is marked sent. */
  afterPublish?: (ids: string[]) => Promise<void>;
}

/**
 * Publishes committed outbox rows to JetStream. Rows are claimed with FOR UPDATE SKIP LOCKED so replicas share the
 * work, published with Nats-Msg-Id = row id (JetStream drops duplicates inside its window; consumers' inboxes drop
 * the rest), and marked sent only after the PubAck. A crash anywhere leaves the row unsent, to be published again.
 */
export class OutboxRelay {
  private readonly options: Required<Omit<OutboxRelayOptions, "metrics" | "afterPublish">> &
    Pick<OutboxRelayOptions, "afterPublish">;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private readonly pending: Gauge | undefined;

  constructor(options: OutboxRelayOptions) {
    this.options = { batchSize: 100, pollIntervalMs: 1000, publishTimeoutMs: 5000, ...options };
    this.pending = options.metrics
      ? new Gauge({
          name: "tpx_outbox_pending",
          help: "Outbox rows not yet published",
          registers: [options.metrics],
          collect: async () => {
            const [row] = await options.db.$queryRawUnsafe<{ count: bigint }[]>(
              "SELECT count(*) AS count FROM outbox_event WHERE sent_at IS NULL",
            );
            this.pending?.set(Number(row?.count ?? 0));
          },
        })
      : undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming new batches; resolves once the batch in flight is finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Publishes one batch; returns how many rows were marked sent. */
  async publishBatch(): Promise<number> {
    const { db, js, batchSize, publishTimeoutMs, logger } = this.options;
    return db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRawUnsafe<PendingRow[]>(
          `SELECT id::text AS id, subject, payload, headers FROM outbox_event
           WHERE sent_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          batchSize,
        );
        if (rows.length === 0) return 0;
        const results = await Promise.allSettled(
          rows.map((row) =>
            js.publish(row.subject, JSON.stringify(row.payload), {
              msgID: row.id,
              headers: carrierToHeaders(row.headers),
              timeout: publishTimeoutMs,
            }),
          ),
        );
        const sent = rows.filter((_, index) => results[index]?.status === "fulfilled").map((row) => row.id);
        const failed = results.flatMap((result, index) =>
          result.status === "rejected" ? [{ id: rows[index]!.id, error: String(result.reason) }] : [],
        );
        await this.options.afterPublish?.(sent);
        if (sent.length > 0) {
          await tx.$executeRawUnsafe(
            "UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])",
            sent,
          );
        }
        if (failed.length > 0) {
          logger.warn({ failed: failed.length, error: failed[0]?.error }, "outbox publish failed; will retry");
          await tx.$executeRawUnsafe(
            "UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])",
            failed.map((entry) => entry.id),
            failed[0]?.error ?? "publish failed",
          );
        }
        return sent.length;
      },
      { timeout: publishTimeoutMs * 2 + 10_000 },
    );
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      let published = 0;
      try {
        published = await this.publishBatch();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.warn({ err: error }, "outbox relay batch failed");
      }
      if (!this.running) break;
      if (published === this.options.batchSize && failures === 0) continue;
      const delay = failures > 0 ? Math.min(500 * 2 ** failures, 10_000) : this.options.pollIntervalMs;
      if (!this.woken || failures > 0) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }
}
