import { startService } from "@tpx/service-kit";
import { buildApp, createDeps } from "./app.ts";
import { configSpec } from "./config.ts";
import { addConsumers } from "./consumers/index.ts";
import { createDb, type Db, disconnectDb, type Tx } from "./db.ts";

startService<Tx, Db, typeof configSpec>({
  service: "matching",
  configSpec,
  createDb,
  disconnectDb,
  useRedis: false,
  setup: async (platform, config) => {
    addConsumers(platform.consumers);
    const deps = createDeps(platform, config);
    // Load the partner index before taking traffic, so the first match does not pay for it.
    await deps.partners.refresh();
    return { app: buildApp(platform, deps) };
  },
});
