import { type HttpServer, requireRole } from "@tpx/service-kit";
import type { Deps } from "../../deps.ts";
import { campaignStats, queryMessages } from "../../usecases/query-messages.ts";
import { CampaignParams, CampaignStats, MessagePage, MessagesQuery } from "./schemas.ts";

/** Admin view of the message log (addresses masked) and delivery stats per campaign. */
export function registerMessageRoutes(app: HttpServer, deps: Deps): void {
  app.get(
    "/admin/messages",
    { preHandler: requireRole("admin"), schema: { querystring: MessagesQuery, response: { 200: MessagePage } } },
    async (request) => queryMessages(deps, request.query),
  );
  app.get(
    "/admin/campaigns/:campaignId/delivery-stats",
    { preHandler: requireRole("admin"), schema: { params: CampaignParams, response: { 200: CampaignStats } } },
    async (request) => campaignStats(deps, request.params.campaignId),
  );
}
