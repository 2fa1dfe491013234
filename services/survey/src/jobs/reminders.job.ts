import { randomUUID } from "node:crypto";
import type { BackgroundTask } from "@tpx/service-kit";
import cron from "node-cron";
import type { SurveyDeps } from "../deps.ts";
import { sendReminders } from "../usecases/send-reminders.ts";
import { acquireLock, releaseLock } from "./redis-lock.ts";

/**
 * Periodic sweep: close campaigns past their date, remind non-responders. The lock keeps replicas from sweeping
 * at the same time; a reminder is still claimed per recipient in the database, so an overlap cannot double it.
 */
export function startReminderJob(deps: SurveyDeps): BackgroundTask {
  const log = deps.logger.child({ job: "reminders" });
  const key = `${deps.config.EVENT_NAMESPACE}:survey:job:reminders`;
  const task = cron.schedule(
    deps.config.REMINDER_CRON,
    async () => {
      const owner = randomUUID();
      if ((await acquireLock(deps.redis, key, owner, deps.config.SCHEDULER_LOCK_TTL_MS)) === "held") return;
      try {
        const result = await sendReminders(deps);
        if (result.reminded > 0 || result.closed > 0) log.info(result, "reminder sweep");
      } catch (error) {
        log.error({ err: error }, "reminder sweep failed");
      } finally {
        await releaseLock(deps.redis, key, owner);
      }
    },
    { noOverlap: true, name: "survey-reminders" },
  );
  return { name: "reminders", stop: async () => void (await task.destroy()) };
}
