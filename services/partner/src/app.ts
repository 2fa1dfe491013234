import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";
import { adminRoutes } from "./routes/admin/index.ts";
import { onboardingRoutes } from "./routes/onboarding/index.ts";
import { profileRoutes } from "./routes/profile/index.ts";
import { publicRoutes } from "./routes/public/index.ts";

export type ServicePlatform = Platform<Tx, Db>;

/** The partner service's HTTP app: partner owns partners, onboarding, profiles, approval workflow, public profile. */
export function buildApp(platform: ServicePlatform): HttpServer {
  const app = buildPlatformServer(platform);
  const deps = { db: platform.db, outbox: platform.outbox };
  onboardingRoutes(app, deps);
  profileRoutes(app, deps);
  adminRoutes(app, deps);
  publicRoutes(app, deps);
  return app;
}
