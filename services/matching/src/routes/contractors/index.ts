import { type HttpServer, principalOf, requireRole } from "@tpx/service-kit";
import type { MatchingDeps } from "../../deps.ts";
import { contractorIdFor } from "../../usecases/access.ts";
import { getContractor } from "../../usecases/get-contractor.ts";
import { listContractorLeads } from "../../usecases/get-lead.ts";
import { matchContractor } from "../../usecases/match-contractor.ts";
import { getMatch, listMatches } from "../../usecases/match-history.ts";
import { saveContractor } from "../../usecases/save-contractor.ts";
import { ContractorLeadList } from "../leads/schemas.ts";
import {
  Contractor,
  ContractorBody,
  ContractorParams,
  Match,
  MatchBody,
  MatchList,
  MatchListQuery,
  MatchParams,
  SavedContractor,
} from "./schemas.ts";

/** Contractor profiles, their match runs and their lead threads. A contractor only reaches its own id. */
export function contractorRoutes(app: HttpServer, deps: MatchingDeps): void {
  const contractorOrAdmin = requireRole("contractor", "admin");

  app.put(
    "/contractors/:contractorId",
    {
      preHandler: requireRole("contractor"),
      schema: {
        params: ContractorParams,
        body: ContractorBody,
        response: { 200: SavedContractor, 201: SavedContractor },
      },
    },
    async (request, reply) => {
      const contractorId = contractorIdFor(principalOf(request), request.params.contractorId);
      const saved = await saveContractor(deps, { contractorId, profile: request.body });
      return reply.code(saved.created ? 201 : 200).send({ contractor: saved.contractor, match: saved.match });
    },
  );

  app.get(
    "/contractors/:contractorId",
    { preHandler: contractorOrAdmin, schema: { params: ContractorParams, response: { 200: Contractor } } },
    async (request) => getContractor(deps, contractorIdFor(principalOf(request), request.params.contractorId)),
  );

  app.post(
    "/contractors/:contractorId/matches",
    {
      preHandler: contractorOrAdmin,
      schema: { params: ContractorParams, body: MatchBody, response: { 201: Match } },
    },
    async (request, reply) => {
      const contractorId = contractorIdFor(principalOf(request), request.params.contractorId);
      return reply.code(201).send(await matchContractor(deps, { contractorId, limit: request.body?.limit }));
    },
  );

  app.get(
    "/contractors/:contractorId/matches",
    {
      preHandler: contractorOrAdmin,
      schema: { params: ContractorParams, querystring: MatchListQuery, response: { 200: MatchList } },
    },
    async (request) => {
      const contractorId = contractorIdFor(principalOf(request), request.params.contractorId);
      const before = request.query.before ? new Date(request.query.before) : undefined;
      return listMatches(deps, { contractorId, limit: request.query.limit, before });
    },
  );

  app.get(
    "/contractors/:contractorId/leads",
    { preHandler: contractorOrAdmin, schema: { params: ContractorParams, response: { 200: ContractorLeadList } } },
    async (request) => ({
      items: await listContractorLeads(deps, contractorIdFor(principalOf(request), request.params.contractorId)),
    }),
  );

  app.get(
    "/matches/:matchId",
    { preHandler: contractorOrAdmin, schema: { params: MatchParams, response: { 200: Match } } },
    async (request) => {
      const principal = principalOf(request);
      const contractorId = principal.role === "admin" ? undefined : (principal.contractorId ?? "");
      return getMatch(deps, { matchId: request.params.matchId, contractorId });
    },
  );
}
