import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";

export type ServicePlatform = Platform<Tx, Db>;

/** The matching service's HTTP app: matching owns contractors, matching, match history, the lead pipeline. */
export function buildApp(platform: ServicePlatform): HttpServer {
  const app = buildPlatformServer(platform);
  return app;
}
