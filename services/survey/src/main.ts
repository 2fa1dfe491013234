import { startService } from "@tpx/service-kit";
import { buildApp } from "./app.ts";
import { configSpec } from "./config.ts";
import { registerSurveyConsumers } from "./consumers/index.ts";
import { createDb, type Db, disconnectDb, type Tx } from "./db.ts";
import type { SurveyDeps } from "./deps.ts";
import { startQuarterlyJob } from "./jobs/quarterly.job.ts";
import { startReminderJob } from "./jobs/reminders.job.ts";
import { seedDefaultTemplates } from "./usecases/default-templates.ts";

startService<Tx, Db, typeof configSpec>({
  service: "survey",
  configSpec,
  createDb,
  disconnectDb,
  useRedis: true,
  setup: async (platform, config) => {
    const deps: SurveyDeps = {
      db: platform.db,
      outbox: platform.outbox,
      config,
      logger: platform.logger,
      redis: platform.redis,
    };
    await seedDefaultTemplates(platform.db);
    registerSurveyConsumers(platform.consumers, deps);
    const tasks = [startReminderJob(deps)];
    if (config.QUARTERLY_SCHEDULER_ENABLED) tasks.push(await startQuarterlyJob(deps));
    return { app: buildApp(platform, deps), tasks };
  },
});
