import type { Db, Tx } from "../db.ts";

/** A run's fence was raised by a runner that took it over: the caller must stop writing. */
export class JobSuperseded extends Error {
  override name = "JobSuperseded";
}

export type Claim =
  | { outcome: "claimed"; fence: number; takeover: boolean }
  | { outcome: "already_done" }
  | { outcome: "running_elsewhere" };

interface RunKey {
  job: string;
  period: string;
}

/**
 * Claims the `(job, period)` run. The primary key lets exactly one runner create the row; an unfinished run whose
 * heartbeat is older than `staleAfterMs` (its holder crashed or is paused) is taken over by raising its fence.
 */
export async function claimJobRun(db: Db, run: RunKey & { owner: string; staleAfterMs: number }): Promise<Claim> {
  const created = await db.$queryRawUnsafe<{ fence: number }[]>(
    `INSERT INTO job_run (job, period, owner) VALUES ($1, $2, $3) ON CONFLICT (job, period) DO NOTHING
     RETURNING fence`,
    run.job,
    run.period,
    run.owner,
  );
  if (created[0]) return { outcome: "claimed", fence: created[0].fence, takeover: false };
  const taken = await db.$queryRawUnsafe<{ fence: number }[]>(
    `UPDATE job_run SET fence = fence + 1, owner = $3, heartbeat_at = now()
     WHERE job = $1 AND period = $2 AND finished_at IS NULL
       AND heartbeat_at < now() - make_interval(secs => $4::double precision / 1000)
     RETURNING fence`,
    run.job,
    run.period,
    run.owner,
    run.staleAfterMs,
  );
  if (taken[0]) return { outcome: "claimed", fence: taken[0].fence, takeover: true };
  const row = await db.jobRun.findUnique({ where: { job_period: { job: run.job, period: run.period } } });
  return row?.finishedAt ? { outcome: "already_done" } : { outcome: "running_elsewhere" };
}

/** Inside a unit of work: locks the run row, refuses if another runner holds a newer fence, records a heartbeat. */
export async function lockCurrentRun(tx: Tx, run: RunKey & { fence: number }): Promise<void> {
  const rows = await tx.$queryRawUnsafe<{ fence: number }[]>(
    "SELECT fence FROM job_run WHERE job = $1 AND period = $2 FOR UPDATE",
    run.job,
    run.period,
  );
  if (rows[0]?.fence !== run.fence) throw new JobSuperseded();
  await tx.$executeRawUnsafe(
    "UPDATE job_run SET heartbeat_at = now() WHERE job = $1 AND period = $2",
    run.job,
    run.period,
  );
}

export async function finishJobRun(db: Db, run: RunKey & { fence: number }): Promise<void> {
  const updated = await db.$executeRawUnsafe(
    "UPDATE job_run SET finished_at = now() WHERE job = $1 AND period = $2 AND fence = $3 AND finished_at IS NULL",
    run.job,
    run.period,
    run.fence,
  );
  if (updated === 0) throw new JobSuperseded();
}
