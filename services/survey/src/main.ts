import { startService } from "@tpx/service-kit";
import { buildApp } from "./app.ts";
import { configSpec } from "./config.ts";
import { createDb, type Db, disconnectDb, type Tx } from "./db.ts";

startService<Tx, Db, typeof configSpec>({
  service: "survey",
  configSpec,
  createDb,
  disconnectDb,
  useRedis: true,
  setup: (platform) => ({ app: buildApp(platform) }),
});
