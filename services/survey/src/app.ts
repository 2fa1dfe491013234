import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";

export type ServicePlatform = Platform<Tx, Db>;

/** The survey service's HTTP app: survey owns PowerCard templates, campaigns, single-use links, responses, the quarterly scheduler. */
export function buildApp(platform: ServicePlatform): HttpServer {
  const app = buildPlatformServer(platform);
  return app;
}
