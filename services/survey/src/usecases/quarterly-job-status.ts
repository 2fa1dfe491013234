import type { SurveyDeps } from "../deps.ts";
import { latestDueQuarter, nextQuarterlyRun, QUARTERLY_CRON, quarterlyRunAt } from "../domain/quarter.ts";
import { QUARTERLY_JOB } from "./run-quarterly-job.ts";

export interface QuarterlyJobStatus {
  schedule: string;
  timeZone: string;
  lastRun: { period: string; startedAt: Date; finishedAt: Date | null; created: number; owner: string } | null;
  nextRun: { period: string; at: Date };
  /** The run that should exist by now. */
  due: { period: string; at: Date; missed: boolean };
}

/** What admins (and the start-up check) see: last run, next run, and whether the due run is missing. */
export async function quarterlyJobStatus(
  deps: Pick<SurveyDeps, "db" | "config">,
  now: Date = new Date(),
): Promise<QuarterlyJobStatus> {
  const timeZone = deps.config.QUARTERLY_TIMEZONE;
  const last = await deps.db.jobRun.findFirst({ where: { job: QUARTERLY_JOB }, orderBy: { period: "desc" } });
  const duePeriod = latestDueQuarter(now, timeZone);
  const dueRun = await deps.db.jobRun.findUnique({ where: { job_period: { job: QUARTERLY_JOB, period: duePeriod } } });
  const next = nextQuarterlyRun(now, timeZone);
  return {
    schedule: QUARTERLY_CRON,
    timeZone,
    lastRun: last
      ? {
          period: last.period,
          startedAt: last.startedAt,
          finishedAt: last.finishedAt,
          created: last.created,
          owner: last.owner,
        }
      : null,
    nextRun: { period: next.quarter, at: next.at },
    due: { period: duePeriod, at: quarterlyRunAt(duePeriod, timeZone), missed: !dueRun?.finishedAt },
  };
}
