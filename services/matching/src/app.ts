import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Config } from "./config.ts";
import type { Db, Tx } from "./db.ts";
import type { MatchingDeps } from "./deps.ts";
import { PartnerIndexSync } from "./matcher/index-sync.ts";
import { contractorRoutes } from "./routes/contractors/index.ts";
import { leadRoutes } from "./routes/leads/index.ts";
import { partnerRoutes } from "./routes/partners/index.ts";

export type ServicePlatform = Platform<Tx, Db>;

export function createDeps(
  platform: ServicePlatform,
  config: Pick<Config, "MATCH_TOP_N" | "MATCH_TOP_N_MAX">,
): MatchingDeps {
  return {
    db: platform.db,
    outbox: platform.outbox,
    partners: new PartnerIndexSync(platform.db),
    topN: { default: Math.min(config.MATCH_TOP_N, config.MATCH_TOP_N_MAX), max: config.MATCH_TOP_N_MAX },
  };
}

/** The matching service's HTTP app: contractors, matching, match history, the lead pipeline and its messages. */
export function buildApp(platform: ServicePlatform, deps: MatchingDeps): HttpServer {
  const app = buildPlatformServer(platform);
  contractorRoutes(app, deps);
  leadRoutes(app, deps);
  partnerRoutes(app, deps);
  return app;
}
