import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";

export type ServicePlatform = Platform<Tx, Db>;

/** The scoring service's HTTP app: scoring owns the PCR engine, score history, momentum, badges, feedback analytics. */
export function buildApp(platform: ServicePlatform): HttpServer {
  const app = buildPlatformServer(platform);
  return app;
}
