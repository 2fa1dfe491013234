import { startService } from "@tpx/service-kit";
import { buildApp } from "./app.ts";
import { configSpec } from "./config.ts";
import { registerConsumers } from "./consumers/index.ts";
import { createDb, type Db, disconnectDb, type Tx } from "./db.ts";
import { createScoringDeps } from "./usecases/create-deps.ts";

startService<Tx, Db, typeof configSpec>({
  service: "scoring",
  configSpec,
  createDb,
  disconnectDb,
  useRedis: false,
  setup: (platform, config) => {
    const deps = createScoringDeps(platform, config);
    registerConsumers(platform, deps);
    return { app: buildApp(platform, deps) };
  },
});
