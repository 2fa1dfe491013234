import type { JetStreamClient } from "@nats-io/jetstream";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import type { Logger } from "@tpx/observability";
import { Counter, Gauge, type Registry } from "prom-client";
import { classifyPublishFailure, describeError, isNoStreamForSubject } from "./publish-failure.ts";
import { PeriodicPruner, pruneSentOutboxRows } from "./retention.ts";
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

interface Failure {
  id: string;
  subject: string;
  error: string;
}

/** A row the relay gave up on, as an admin sees it. */
export interface ParkedEvent {
  id: string;
  subject: string;
  type: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  parkedAt: Date;
}

export interface OutboxRelayOptions {
  db: TransactionRunner;
  js: JetStreamClient;
  logger: Logger;
  metrics?: Registry;
  batchSize?: number;
  pollIntervalMs?: number;
  publishTimeoutMs?: number;
  /**
   * Publishes of one row refused for a reason waiting will not heal (too large, no stream for its subject, not
   * permitted) before the row is parked and the rows behind it flow. Outages and timeouts never count. Default 5.
   */
  parkAfterAttempts?: number;
  /**
   * Published rows are deleted this many hours after they were sent, in batches, every `pruneIntervalMs` while the
   * relay runs. Unsent and parked rows are never deleted. Unset: published rows are kept.
   */
  retentionHours?: number;
  /** How often expired rows are looked for (default 5 minutes). */
  pruneIntervalMs?: number;
  /** Fault injection for tests: runs after the batch was published and before it is marked sent. */
  afterPublish?: (ids: string[]) => Promise<void>;
}

/**
 * Publishes committed outbox rows to JetStream in write order (created_at, then seq within a transaction). Rows are
 * claimed with FOR UPDATE SKIP LOCKED so replicas share the work, published with Nats-Msg-Id = row id (JetStream drops
 * duplicates inside its window; consumers' inboxes drop the rest), and marked sent only after the PubAck. A crash
 * anywhere leaves the row unsent, to be published again. Transient failures (NATS away) are retried forever; a row
 * refused `parkAfterAttempts` times is parked (skipped, counted, logged at error) until an admin retries it. Published
 * rows are kept `retentionHours` (to re-publish a lost stream from), then deleted a batch at a time.
 */
export class OutboxRelay {
  private readonly options: Required<
    Omit<OutboxRelayOptions, "metrics" | "afterPublish" | "retentionHours" | "pruneIntervalMs">
  > &
    Pick<OutboxRelayOptions, "afterPublish" | "retentionHours">;
  private running = false;
  private loop: Promise<void> | undefined;
  /** The sleep in progress, if any: stop() always ends it, wake() only when it is the idle poll wait. */
  private pause: { finish(): void; wakeable: boolean } | undefined;
  private lastWake = 0;
  private readonly parkedTotal: Counter | undefined;
  private readonly pruner: PeriodicPruner | undefined;

  constructor(options: OutboxRelayOptions) {
    this.options = { batchSize: 100, pollIntervalMs: 1000, publishTimeoutMs: 5000, parkAfterAttempts: 5, ...options };
    const { metrics, db, retentionHours } = options;
    if (retentionHours !== undefined) {
      this.pruner = new PeriodicPruner({
        table: "outbox_event",
        pruneBatch: (limit) => pruneSentOutboxRows(db, retentionHours, limit),
        logger: options.logger,
        ...(options.pruneIntervalMs === undefined ? {} : { intervalMs: options.pruneIntervalMs }),
        ...(metrics
          ? {
              deleted: new Counter({
                name: "tpx_outbox_pruned_total",
                help: "Published outbox rows deleted after their retention",
                registers: [metrics],
              }),
            }
          : {}),
      });
    }
    if (!metrics) return;
    // Literal `name:` keys: test/deploy/observability.test.ts finds registered metrics by that pattern.
    const countGauge = ({ name, help, where }: { name: string; help: string; where: string }) =>
      new Gauge({
        name,
        help,
        registers: [metrics],
        async collect() {
          const [row] = await db.$queryRawUnsafe<{ count: bigint }[]>(
            `SELECT count(*) AS count FROM outbox_event WHERE ${where}`,
          );
          this.set(Number(row?.count ?? 0));
        },
      });
    countGauge({
      name: "tpx_outbox_pending",
      help: "Outbox rows waiting to be published",
      where: "sent_at IS NULL AND parked_at IS NULL",
    });
    countGauge({
      name: "tpx_outbox_parked",
      help: "Outbox rows the relay gave up on, waiting for an admin to retry them",
      where: "sent_at IS NULL AND parked_at IS NOT NULL",
    });
    this.parkedTotal = new Counter({
      name: "tpx_outbox_parked_total",
      help: "Outbox rows parked after their publish was refused parkAfterAttempts times",
      registers: [metrics],
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.pruner?.start();
  }

  /** Stops claiming new batches; resolves once the batch in flight is finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.pause?.finish();
    await Promise.all([this.loop, this.pruner?.stop()]);
  }

  /** Deletes the published rows past their retention now (what the relay does every few minutes); returns how many. */
  pruneSent(): Promise<number> {
    return this.pruner?.pruneNow() ?? Promise.resolve(0);
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
           WHERE sent_at IS NULL AND parked_at IS NULL ORDER BY created_at, seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
          batchSize,
        );
        if (rows.length === 0) return 0;
        // Issued in row order on one connection, so JetStream stores them in that order.
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
        const { refused, transient } = await this.sortFailures(rows, results);
        await this.options.afterPublish?.(sent);
        if (sent.length > 0) {
          await tx.$executeRawUnsafe(
            "UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])",
            sent,
          );
        }
        if (transient.length > 0) {
          logger.warn({ failed: transient.length, error: transient[0]?.error }, "outbox publish failed; will retry");
          await tx.$executeRawUnsafe(
            `UPDATE outbox_event AS o SET last_error = f.error
             FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o.id = f.id`,
            transient.map((failure) => failure.id),
            transient.map((failure) => failure.error),
          );
        }
        if (refused.length > 0) await this.recordRefusals(tx, refused);
        return sent.length;
      },
      { timeout: publishTimeoutMs * 3 + 10_000 },
    );
  }

  /** Parked rows, oldest first. */
  async listParked(limit = 100): Promise<ParkedEvent[]> {
    return this.options.db.$queryRawUnsafe<ParkedEvent[]>(
      `SELECT id::text AS id, subject, type, attempts, last_error AS "lastError", created_at AS "createdAt",
              parked_at AS "parkedAt"
       FROM outbox_event WHERE sent_at IS NULL AND parked_at IS NOT NULL
       ORDER BY created_at, seq LIMIT $1`,
      Math.min(Math.max(limit, 1), 500),
    );
  }

  /**
   * Puts parked rows (all of them, or those with the given ids) back in line with a fresh attempt budget, in their
   * original place: the relay tries them before anything written after them. Returns how many were unparked.
   */
  async retryParked(ids?: readonly string[]): Promise<number> {
    const count = await this.options.db.$executeRawUnsafe(
      `UPDATE outbox_event SET parked_at = NULL, attempts = 0
       WHERE sent_at IS NULL AND parked_at IS NOT NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))`,
      ids ? [...ids] : null,
    );
    if (count > 0) {
      this.options.logger.info({ count }, "parked outbox rows put back in line");
      this.wake();
    }
    return count;
  }

  /** Splits the rejected publishes into refusals (count towards parking) and transient failures (retried forever). */
  private async sortFailures(
    rows: PendingRow[],
    results: PromiseSettledResult<unknown>[],
  ): Promise<{ refused: Failure[]; transient: Failure[] }> {
    const refused: Failure[] = [];
    const transient: Failure[] = [];
    const noStream = new Map<string, Promise<boolean>>();
    for (const [index, row] of rows.entries()) {
      const result = results[index];
      if (result?.status !== "rejected") continue;
      const failure = { id: row.id, subject: row.subject, error: describeError(result.reason) };
      let kind = classifyPublishFailure(result.reason);
      if (kind === "no-responders") {
        if (!noStream.has(row.subject)) noStream.set(row.subject, this.noStreamCaptures(row.subject));
        kind = (await noStream.get(row.subject)) ? "refused" : "transient";
        if (kind === "refused") failure.error = `no JetStream stream captures subject ${row.subject}`;
      }
      (kind === "refused" ? refused : transient).push(failure);
    }
    return { refused, transient };
  }

  /** Asks JetStream itself: only its answer "no stream matches" makes a no-responders a refusal. */
  private async noStreamCaptures(subject: string): Promise<boolean> {
    try {
      const jsm = await this.options.js.jetstreamManager(false);
      await jsm.streams.find(subject);
      return false;
    } catch (error) {
      return isNoStreamForSubject(error);
    }
  }

  private async recordRefusals(tx: SqlExecutor, refused: Failure[]): Promise<void> {
    const { logger, parkAfterAttempts } = this.options;
    const updated = await tx.$queryRawUnsafe<{ id: string; attempts: number; parked: boolean }[]>(
      `UPDATE outbox_event AS o
       SET attempts = o.attempts + 1, last_error = f.error,
           parked_at = CASE WHEN o.attempts + 1 >= $3 THEN now() END
       FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o.id = f.id
       RETURNING o.id::text AS id, o.attempts, o.parked_at IS NOT NULL AS parked`,
      refused.map((failure) => failure.id),
      refused.map((failure) => failure.error),
      parkAfterAttempts,
    );
    const parked = new Set(updated.filter((row) => row.parked).map((row) => row.id));
    for (const failure of refused) {
      if (parked.has(failure.id)) {
        logger.error(
          { outboxId: failure.id, subject: failure.subject, attempts: parkAfterAttempts, error: failure.error },
          "outbox event parked: publishing it keeps being refused; later events go ahead, retry it once the cause is fixed",
        );
      }
    }
    if (parked.size > 0) this.parkedTotal?.inc(parked.size);
    if (parked.size < refused.length) {
      logger.warn(
        { refused: refused.length - parked.size, error: refused[0]?.error },
        "outbox publish refused; the row is parked if this keeps happening",
      );
    }
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
