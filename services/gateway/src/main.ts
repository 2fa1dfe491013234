import { startService } from "@tpx/service-kit";
import { buildApp, createGatewayDeps, createPageCache } from "./app.ts";
import { configSpec } from "./config.ts";
import { partnerProfileUpdatedConsumer, pcrUpdatedConsumer } from "./consumers/page-invalidation.consumer.ts";
import { partnerRegisteredConsumer } from "./consumers/partner-registered.consumer.ts";
import { createDb, type Db, disconnectDb, type Tx } from "./db.ts";
import { ensureFirstAdmin } from "./usecases/ensure-first-admin.ts";

startService<Tx, Db, typeof configSpec>({
  service: "gateway",
  configSpec,
  createDb,
  disconnectDb,
  useRedis: true,
  setup: async (platform, config) => {
    const deps = await createGatewayDeps(platform, config);
    await ensureFirstAdmin(deps);
    deps.keyring.start();
    const pageCache = createPageCache(platform, config);
    platform.consumers.add(partnerRegisteredConsumer);
    platform.consumers.add(pcrUpdatedConsumer(pageCache));
    platform.consumers.add(partnerProfileUpdatedConsumer(pageCache));
    const { app } = await buildApp(platform, deps, pageCache);
    return { app };
  },
});
