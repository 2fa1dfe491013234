import { type Static, Type } from "@sinclair/typebox";
import { type HttpServer, principalOf, requireRole, ValidationError } from "@tpx/service-kit";
import type { PartnerStatus } from "../../domain/lifecycle.ts";
import { type BulkInput, bulkOperation } from "../../usecases/bulk-operation.ts";
import { changeStatus } from "../../usecases/change-status.ts";
import { changeTier } from "../../usecases/change-tier.ts";
import { createPartner } from "../../usecases/create-partner.ts";
import { deletePartner } from "../../usecases/delete-partner.ts";
import { getPartner } from "../../usecases/get-partner.ts";
import { searchPartnersForAdmin } from "../../usecases/search-partners.ts";
import { actorOf } from "../../usecases/support/actor.ts";
import type { Deps } from "../../usecases/support/deps.ts";
import { updateProfile } from "../../usecases/update-profile.ts";
import { PartnerIdParams, PartnerViewSchema } from "../schemas.ts";
import {
  AdminCreateBody,
  AdminUpdateBody,
  BulkBody,
  ReasonBody,
  RequiredReasonBody,
  SearchQuery,
  TierBody,
} from "./schemas.ts";

const admin = requireRole("admin");
const viewReply = { 200: PartnerViewSchema };

const STATUS_ACTIONS: { path: string; to: PartnerStatus; reasonRequired: boolean }[] = [
  { path: "approve", to: "APPROVED", reasonRequired: false },
  { path: "reject", to: "REJECTED", reasonRequired: true },
  { path: "activate", to: "ACTIVE", reasonRequired: false },
  { path: "deactivate", to: "INACTIVE", reasonRequired: false },
];

function bulkInput(body: Static<typeof BulkBody>): BulkInput {
  if (body.action === "status" && !body.status)
    throw new ValidationError([{ field: "body.status", message: "is required for action status" }]);
  if (body.action === "tier" && !body.tier)
    throw new ValidationError([{ field: "body.tier", message: "is required for action tier" }]);
  return body as BulkInput;
}

/** Admin management: CRUD, lifecycle decisions, tier, bulk operations and search. */
export function adminRoutes(app: HttpServer, deps: Deps): void {
  app.post(
    "/admin/partners",
    { preHandler: admin, schema: { body: AdminCreateBody, response: { 201: PartnerViewSchema } } },
    async (request, reply) =>
      reply.status(201).send(await createPartner(deps, actorOf(principalOf(request)), request.body)),
  );
  app.get("/admin/partners", { preHandler: admin, schema: { querystring: SearchQuery } }, async (request) => {
    const { status, ...rest } = request.query;
    return searchPartnersForAdmin(deps, { ...rest, ...(status ? { statuses: status } : {}) });
  });
  app.get(
    "/admin/partners/:id",
    { preHandler: admin, schema: { params: PartnerIdParams, response: viewReply } },
    async (request) => getPartner(deps, principalOf(request), request.params.id),
  );
  app.patch(
    "/admin/partners/:id",
    { preHandler: admin, schema: { params: PartnerIdParams, body: AdminUpdateBody, response: viewReply } },
    async (request) => updateProfile(deps, principalOf(request), request.params.id, request.body),
  );
  app.delete(
    "/admin/partners/:id",
    { preHandler: admin, schema: { params: PartnerIdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await deletePartner(deps, actorOf(principalOf(request)), request.params.id);
      return reply.status(204).send(null);
    },
  );
  for (const action of STATUS_ACTIONS) {
    app.post(
      `/admin/partners/:id/${action.path}`,
      {
        // approve/activate/deactivate may come without a body; treat that as {} (the reason is optional there).
        preValidation: async (request) => {
          // A missing reject reason then fails the schema with "body.reason" named, as a sent {} would.
          (request as { body: unknown }).body ??= {};
        },
        preHandler: admin,
        schema: {
          params: PartnerIdParams,
          body: action.reasonRequired ? RequiredReasonBody : ReasonBody,
          response: viewReply,
        },
      },
      async (request) =>
        changeStatus(deps, actorOf(principalOf(request)), request.params.id, action.to, request.body?.reason),
    );
  }
  app.put(
    "/admin/partners/:id/tier",
    { preHandler: admin, schema: { params: PartnerIdParams, body: TierBody, response: viewReply } },
    async (request) =>
      changeTier(deps, actorOf(principalOf(request)), request.params.id, request.body.tier, request.body.reason),
  );
  app.post("/admin/partners/bulk", { preHandler: admin, schema: { body: BulkBody } }, async (request) => {
    const results = await bulkOperation(deps, actorOf(principalOf(request)), bulkInput(request.body));
    return { results, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
  });
}
