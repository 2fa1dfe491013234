import type { JetStreamClient } from "@nats-io/jetstream";
import type { TransactionRunner } from "@tpx/db";
import type { Logger } from "@tpx/observability";
import { Gauge, type Registry } from "prom-client";
import { carrierToHeaders } from "./trace-headers.ts";

/** How long after a wake() an empty outbox is looked at again every RECHECK_MS, waiting for the writer's commit. */
const FOLLOW_WAKE_MS = 250;
const RECHECK_MS = 5;

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
  /** The sleep in progress, if any: stop() always ends it, wake() only when it is the idle poll wait. */
  private pause: { finish(): void; wakeable: boolean } | undefined;
  private lastWake = 0;
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
    this.pause?.finish();
    await this.loop;
  }

  /** A row was just written (its transaction may not have committed yet): publish soon rather than at the next poll. */
  wake(): void {
    this.lastWake = Date.now();
    if (this.pause?.wakeable) this.pause.finish();
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
      let published = 0;
      try {
        published = await this.publishBatch();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.warn({ err: error }, "outbox relay batch failed");
      }
      if (!this.running) break;
      if (failures > 0) {
        // Backing off from a failing database or NATS: new writes must not cut the pause short.
        await this.sleep(Math.min(500 * 2 ** failures, 10_000), false);
      } else if (published === this.options.batchSize) {
        // A full batch: there is probably more.
      } else if (Date.now() - this.lastWake < FOLLOW_WAKE_MS) {
        // wake() comes from inside the writer's transaction, before its commit: look again in a moment instead of
        // missing the row until the next poll.
        await this.sleep(RECHECK_MS, false);
      } else {
        await this.sleep(this.options.pollIntervalMs, true);
      }
    }
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.pause = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.pause = { finish, wakeable };
    });
  }
}
