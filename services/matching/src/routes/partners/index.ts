import { type HttpServer, principalOf, requireRole } from "@tpx/service-kit";
import type { MatchingDeps } from "../../deps.ts";
import { partnerIdFor } from "../../usecases/access.ts";
import { listLeads } from "../../usecases/list-leads.ts";
import { pipelineAnalytics } from "../../usecases/pipeline-analytics.ts";
import { LeadList, LeadListQuery, PartnerParams, Pipeline } from "./schemas.ts";

/** A partner's pipeline (filters, search, keyset pages) and its conversion analytics; only its own. */
export function partnerRoutes(app: HttpServer, deps: MatchingDeps): void {
  const partnerSide = requireRole("partner", "admin");

  app.get(
    "/partners/:partnerId/leads",
    {
      preHandler: partnerSide,
      schema: { params: PartnerParams, querystring: LeadListQuery, response: { 200: LeadList } },
    },
    async (request) => {
      const partnerId = partnerIdFor(principalOf(request), request.params.partnerId, "leads:read");
      const query = request.query;
      return listLeads(deps, {
        partnerId,
        statuses: query.status,
        q: query.q,
        minValue: query.minValue,
        maxValue: query.maxValue,
        createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
        createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
        cursor: query.cursor,
        limit: query.limit,
      });
    },
  );

  app.get(
    "/partners/:partnerId/pipeline",
    { preHandler: partnerSide, schema: { params: PartnerParams, response: { 200: Pipeline } } },
    async (request) =>
      pipelineAnalytics(deps, partnerIdFor(principalOf(request), request.params.partnerId, "leads:read")),
  );
}
