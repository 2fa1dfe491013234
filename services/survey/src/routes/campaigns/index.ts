import { type HttpServer, principalOf, requireRole } from "@tpx/service-kit";
import type { SurveyDeps } from "../../deps.ts";
import { campaignSummary, listCampaigns } from "../../usecases/list-campaigns.ts";
import { quarterlyJobStatus } from "../../usecases/quarterly-job-status.ts";
import { runQuarterlyJob } from "../../usecases/run-quarterly-job.ts";
import { startManualCampaigns } from "../../usecases/start-manual-campaigns.ts";
import {
  CampaignListResponse,
  ListCampaignsQuery,
  ManualCampaignBody,
  ManualCampaignResponse,
  QuarterlyStatusResponse,
  RunQuarterlyQuery,
  RunQuarterlyResponse,
  SummaryQuery,
  SummaryResponse,
} from "./schemas.ts";

/** Campaign monitoring and the admin triggers (manual campaigns, the quarterly job now). */
export function registerCampaignRoutes(app: HttpServer, deps: SurveyDeps): void {
  const admin = requireRole("admin");
  app.get(
    "/admin/campaigns",
    { preHandler: admin, schema: { querystring: ListCampaignsQuery, response: { 200: CampaignListResponse } } },
    async (request) => listCampaigns(deps.db, request.query),
  );
  app.get(
    "/admin/campaigns/summary",
    { preHandler: admin, schema: { querystring: SummaryQuery, response: { 200: SummaryResponse } } },
    async (request) => ({ items: await campaignSummary(deps.db, request.query) }),
  );
  app.post(
    "/admin/campaigns",
    { preHandler: admin, schema: { body: ManualCampaignBody, response: { 201: ManualCampaignResponse } } },
    async (request, reply) => {
      const body = request.body;
      const items = await startManualCampaigns(deps, {
        ...("partnerId" in body ? { partnerId: body.partnerId } : {}),
        adminUserId: principalOf(request).userId,
      });
      return reply.status(201).send({ items });
    },
  );
  app.get(
    "/admin/jobs/quarterly",
    { preHandler: admin, schema: { response: { 200: QuarterlyStatusResponse } } },
    async () => quarterlyJobStatus(deps),
  );
  app.post(
    "/admin/jobs/quarterly/run",
    { preHandler: admin, schema: { querystring: RunQuarterlyQuery, response: { 200: RunQuarterlyResponse } } },
    async (request) => runQuarterlyJob(deps, request.query.period ? { period: request.query.period } : {}),
  );
}
