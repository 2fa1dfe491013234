import type { SqlExecutor } from "@tpx/db";
import type { Logger } from "@tpx/observability";
import type { Counter } from "prom-client";

/** Rows one DELETE removes: short statements, short locks, no long transaction holding back vacuum. */
export const PRUNE_BATCH_SIZE = 1000;
/** How often a pruner looks for expired rows. */
export const PRUNE_INTERVAL_MS = 5 * 60 * 1000;
/** At most this many statements per round; a larger backlog is worked off over the next rounds. */
const MAX_BATCHES_PER_ROUND = 100;

/**
 * Deletes published outbox rows sent more than `retentionHours` ago, at most `limit` of them. Unsent rows (waiting,
 * or parked: parked rows are never sent) are never touched. SKIP LOCKED: replicas pruning at the same time take
 * different rows instead of waiting for each other.
 */
export function pruneSentOutboxRows(db: SqlExecutor, retentionHours: number, limit: number): Promise<number> {
  return db.$executeRawUnsafe(
    `DELETE FROM outbox_event WHERE id IN (
       SELECT id FROM outbox_event
       WHERE sent_at < now() - make_interval(hours => $1::int) AND parked_at IS NULL
       LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    retentionHours,
    limit,
  );
}

/**
 * Deletes inbox rows of events applied more than `retentionDays` ago, at most `limit` of them, SKIP LOCKED like
 * pruneSentOutboxRows. A join rather than `(consumer, event_id) IN (…)`, which PostgreSQL plans as a hash join over
 * the whole table: this way each batch is `limit` primary-key lookups.
 */
export function pruneInboxRows(db: SqlExecutor, retentionDays: number, limit: number): Promise<number> {
  return db.$executeRawUnsafe(
    `WITH expired AS (
       SELECT consumer, event_id FROM processed_event
       WHERE processed_at < now() - make_interval(days => $1::int)
       LIMIT $2::int FOR UPDATE SKIP LOCKED)
     DELETE FROM processed_event AS p USING expired AS e WHERE p.consumer = e.consumer AND p.event_id = e.event_id`,
    retentionDays,
    limit,
  );
}

export interface PeriodicPrunerOptions {
  /** What is pruned, for the log. */
  table: string;
  /** Deletes at most `limit` expired rows and says how many it deleted. */
  pruneBatch(limit: number): Promise<number>;
  logger: Logger;
  deleted?: Counter;
  intervalMs?: number;
  batchSize?: number;
}

/**
 * Runs a batched delete every `intervalMs` while started: each round deletes batch after batch until a batch comes
 * back short (nothing more has expired, or another replica holds the rest). A failed round is logged and the next
 * one tries again; nothing depends on it being prompt.
 */
export class PeriodicPruner {
  private readonly options: PeriodicPrunerOptions;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<number> | undefined;
  private running = false;
  private stopping = false;

  constructor(options: PeriodicPrunerOptions) {
    this.options = options;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.schedule();
  }

  /** Stops scheduling rounds; resolves once the round in progress (if any) has finished its current batch. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round?.catch(() => undefined);
  }

  /** One round now: deletes expired rows batch by batch; returns how many. */
  async pruneNow(): Promise<number> {
    const { pruneBatch, batchSize = PRUNE_BATCH_SIZE, deleted, logger, table } = this.options;
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_ROUND; batch += 1) {
      const count = await pruneBatch(batchSize);
      total += count;
      deleted?.inc(count);
      if (count < batchSize || this.stopping) break;
    }
    if (total > 0) logger.info({ table, deleted: total }, "expired rows pruned");
    return total;
  }

  private schedule(): void {
    const { intervalMs = PRUNE_INTERVAL_MS, logger, table } = this.options;
    this.timer = setTimeout(() => {
      this.round = this.pruneNow();
      this.round
        .catch((error: unknown) => logger.warn({ err: error, table }, "pruning expired rows failed; will retry"))
        .finally(() => {
          this.round = undefined;
          if (this.running) this.schedule();
        });
    }, intervalMs);
    // A pending round never keeps the process alive.
    this.timer.unref();
  }
}
