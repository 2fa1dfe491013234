import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";

export type ServicePlatform = Platform<Tx, Db>;

/** The partner service's HTTP app: partner owns partners, onboarding, profiles, approval workflow, public profile. */
export function buildApp(platform: ServicePlatform): HttpServer {
  const app = buildPlatformServer(platform);
  return app;
}
