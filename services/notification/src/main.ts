import { startService } from "@tpx/service-kit";
import { buildApp } from "./app.ts";
import { configSpec } from "./config.ts";
import { messageConsumers } from "./consumers/message-consumers.ts";
import { webhookFanoutConsumers } from "./consumers/webhook-fanout-consumers.ts";
import { createDb, type Db, disconnectDb, type Tx } from "./db.ts";
import { createDeps } from "./deps.ts";
import { startDispatcher } from "./jobs/dispatcher.ts";

startService<Tx, Db, typeof configSpec>({
  service: "notification",
  configSpec,
  createDb,
  disconnectDb,
  useRedis: false,
  setup: (platform, config) => {
    const deps = createDeps({ db: platform.db, outbox: platform.outbox, config, logger: platform.logger });
    for (const consumer of [...messageConsumers(deps), ...webhookFanoutConsumers()]) platform.consumers.add(consumer);
    return { app: buildApp(platform, deps), tasks: [startDispatcher(deps)] };
  },
});
