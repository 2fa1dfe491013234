import type { BackgroundTask } from "@tpx/service-kit";
import cron from "node-cron";
import type { SurveyDeps } from "../deps.ts";
import { QUARTERLY_CRON } from "../domain/quarter.ts";
import { quarterlyJobStatus } from "../usecases/quarterly-job-status.ts";
import { runQuarterlyJob } from "../usecases/run-quarterly-job.ts";

/**
 * Schedules the quarterly PowerCard run in every replica (`0 9 1 1,4,7,10 *` in QUARTERLY_TIMEZONE); the run
 * itself makes sure only one of them does the work. At start, a due run that never finished is reported as an
 * alert in the log (and in `GET /admin/jobs/quarterly`) so an operator can run it now.
 */
export async function startQuarterlyJob(deps: SurveyDeps): Promise<BackgroundTask> {
  const log = deps.logger.child({ job: "quarterly" });
  const status = await quarterlyJobStatus(deps);
  if (status.due.missed) {
    log.warn(
      { alert: "QUARTERLY_RUN_MISSED", period: status.due.period, dueAt: status.due.at, lastRun: status.lastRun },
      "the quarterly PowerCard run for the due quarter has not completed; run it with POST /admin/jobs/quarterly/run",
    );
  }
  const task = cron.schedule(
    QUARTERLY_CRON,
    async () => {
      try {
        const result = await runQuarterlyJob(deps);
        log.info(result, "quarterly job triggered");
      } catch (error) {
        log.error({ err: error, alert: "QUARTERLY_RUN_FAILED" }, "quarterly job failed");
      }
    },
    { timezone: deps.config.QUARTERLY_TIMEZONE, noOverlap: true, name: "survey-quarterly" },
  );
  task.on("execution:missed", (context) => {
    log.warn({ alert: "QUARTERLY_RUN_MISSED", date: context.date }, "the quarterly run missed its time");
  });
  log.info({ nextRun: status.nextRun, timeZone: status.timeZone }, "quarterly job scheduled");
  return { name: "quarterly-campaigns", stop: async () => void (await task.destroy()) };
}
