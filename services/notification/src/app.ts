import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";

export type ServicePlatform = Platform<Tx, Db>;

/** The notification service's HTTP app: notification owns email and SMS delivery, the message log, outbound webhooks. */
export function buildApp(platform: ServicePlatform): HttpServer {
  const app = buildPlatformServer(platform);
  return app;
}
