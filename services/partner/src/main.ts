import { startService } from "@tpx/service-kit";
import { buildApp } from "./app.ts";
import { configSpec } from "./config.ts";
import { registerConsumers } from "./consumers/index.ts";
import { createDb, type Db, disconnectDb, type Tx } from "./db.ts";

startService<Tx, Db, typeof configSpec>({
  service: "partner",
  configSpec,
  createDb,
  disconnectDb,
  useRedis: false,
  setup: (platform) => {
    registerConsumers(platform);
    return { app: buildApp(platform) };
  },
});
