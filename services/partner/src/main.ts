import { startService } from "@tpx/service-kit";
import { buildApp } from "./app.ts";
import { configSpec } from "./config.ts";
import { createDb, type Db, disconnectDb, type Tx } from "./db.ts";

startService<Tx, Db, typeof configSpec>({
  service: "partner",
  configSpec,
  createDb,
  disconnectDb,
  useRedis: false,
  setup: (platform) => ({ app: buildApp(platform) }),
});
