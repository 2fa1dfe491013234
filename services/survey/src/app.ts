import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";
import type { SurveyDeps } from "./deps.ts";
import { registerCampaignRoutes } from "./routes/campaigns/index.ts";
import { registerPublicSurveyRoutes } from "./routes/public-surveys/index.ts";
import { registerSurveyPageRoutes } from "./routes/survey-page/index.ts";
import { registerTemplateRoutes } from "./routes/templates/index.ts";

export type ServicePlatform = Platform<Tx, Db>;

/** The survey service's HTTP app: PowerCard templates, campaigns, single-use links, responses, the scheduler. */
export function buildApp(platform: ServicePlatform, deps: SurveyDeps): HttpServer {
  const app = buildPlatformServer(platform);
  registerTemplateRoutes(app, deps);
  registerCampaignRoutes(app, deps);
  registerPublicSurveyRoutes(app, deps);
  registerSurveyPageRoutes(app, deps);
  return app;
}
