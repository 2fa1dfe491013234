import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";
import { registerAdminRoutes } from "./routes/admin/index.ts";
import { registerAnalyticsRoutes } from "./routes/analytics/index.ts";
import type { ScoringDeps } from "./usecases/deps.ts";

export type ServicePlatform = Platform<Tx, Db>;

/** The scoring service's HTTP app: scoring owns the PCR engine, score history, momentum, badges, feedback analytics. */
export function buildApp(platform: ServicePlatform, deps: ScoringDeps): HttpServer {
  const app = buildPlatformServer(platform);
  registerAnalyticsRoutes(app, platform.db);
  registerAdminRoutes(app, platform.db, deps);
  return app;
}
