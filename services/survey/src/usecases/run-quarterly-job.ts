import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { SurveyDeps } from "../deps.ts";
import { latestDueQuarter } from "../domain/quarter.ts";
import { acquireLock, extendLock, releaseLock } from "../jobs/redis-lock.ts";
import { createCampaign } from "./create-campaign.ts";
import { type Claim, claimJobRun, finishJobRun, JobSuperseded, lockCurrentRun } from "./job-runs.ts";

export const QUARTERLY_JOB = "quarterly";

export interface QuarterlyRunOptions {
  /** Quarter to run for; defaults to the latest quarter whose scheduled run time has passed. */
  period?: string;
  now?: Date;
  /** Identifies this runner in the lock and the run row. */
  owner?: string;
  /** Test seam: called before each partner, so a test can pause a holder past its lock. */
  beforePartner?: (index: number) => Promise<void>;
}

export interface QuarterlyRunResult {
  period: string;
  outcome: "locked_elsewhere" | "already_done" | "running_elsewhere" | "completed" | "superseded";
  created: number;
  skipped: number;
}

/**
 * The quarterly PowerCard run: one campaign per ACTIVE partner for the quarter, exactly once across replicas,
 * restarts and paused holders. The Redis lock only keeps replicas from duplicating work; the `(job, period)` row
 * decides who runs (a stalled run is taken over with a higher fence, which stops the stalled holder), and the
 * campaign's unique key `quarterly:<partner>:<quarter>` makes each partner's campaign exist once whatever happens.
 */
export async function runQuarterlyJob(
  deps: SurveyDeps,
  options: QuarterlyRunOptions = {},
): Promise<QuarterlyRunResult> {
  const now = options.now ?? new Date();
  const period = options.period ?? latestDueQuarter(now, deps.config.QUARTERLY_TIMEZONE);
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const ttl = deps.config.SCHEDULER_LOCK_TTL_MS;
  const lockKey = `${deps.config.EVENT_NAMESPACE}:survey:job:${QUARTERLY_JOB}:${period}`;
  const result: QuarterlyRunResult = { period, outcome: "completed", created: 0, skipped: 0 };

  const lock = await acquireLock(deps.redis, lockKey, owner, ttl);
  if (lock === "held") return { ...result, outcome: "locked_elsewhere" };
  if (lock === "unavailable") deps.logger.warn({ period }, "quarterly job runs without its Redis lock");
  try {
    const claim: Claim = await claimJobRun(deps.db, { job: QUARTERLY_JOB, period, owner, staleAfterMs: ttl });
    if (claim.outcome !== "claimed") return { ...result, outcome: claim.outcome };
    const partners = await deps.db.partner.findMany({
      where: { status: "ACTIVE" },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    for (const [index, partner] of partners.entries()) {
      await options.beforePartner?.(index);
      const outcome = await deps.db.$transaction(async (tx) => {
        await lockCurrentRun(tx, { job: QUARTERLY_JOB, period, fence: claim.fence });
        const created = await createCampaign(tx, deps, {
          partnerId: partner.id,
          kind: "QUARTERLY",
          quarter: period,
          dedupeKey: `quarterly:${partner.id}:${period}`,
          now,
        });
        if (created.outcome === "created") {
          await tx.jobRun.update({
            where: { job_period: { job: QUARTERLY_JOB, period } },
            data: { created: { increment: 1 } },
          });
        }
        return created.outcome;
      });
      if (outcome === "created") result.created += 1;
      else result.skipped += 1;
      await extendLock(deps.redis, lockKey, owner, ttl);
    }
    await finishJobRun(deps.db, { job: QUARTERLY_JOB, period, fence: claim.fence });
    deps.logger.info({ period, created: result.created, skipped: result.skipped }, "quarterly job finished");
    return result;
  } catch (error) {
    if (!(error instanceof JobSuperseded)) throw error;
    deps.logger.warn({ period, owner }, "quarterly job was taken over by another runner; stopping");
    return { ...result, outcome: "superseded" };
  } finally {
    await releaseLock(deps.redis, lockKey, owner);
  }
}
