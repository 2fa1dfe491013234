import { Type } from "@sinclair/typebox";
import { type HttpServer, principalOf, requireRole } from "@tpx/service-kit";
import { getOwnPartner, getPartner } from "../../usecases/get-partner.ts";
import { listAudit } from "../../usecases/list-audit.ts";
import { previewProfile } from "../../usecases/preview-profile.ts";
import type { Deps } from "../../usecases/support/deps.ts";
import { updateProfile } from "../../usecases/update-profile.ts";
import { PartnerIdParams, PartnerViewSchema, ProfileEditBody, Strict } from "../schemas.ts";

export const AuditQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    before: Type.Optional(Type.String({ format: "date-time" })),
  },
  Strict,
);

/** The partner's own profile: read, self-service edit (status, tier and slug are not fields it may send), preview. */
export function profileRoutes(app: HttpServer, deps: Deps): void {
  app.get(
    "/partners/me",
    { preHandler: requireRole("partner"), schema: { response: { 200: PartnerViewSchema } } },
    async (request) => getOwnPartner(deps, principalOf(request)),
  );
  app.get(
    "/partners/:id",
    {
      preHandler: requireRole("partner", "admin"),
      schema: { params: PartnerIdParams, response: { 200: PartnerViewSchema } },
    },
    async (request) => getPartner(deps, principalOf(request), request.params.id),
  );
  app.patch(
    "/partners/:id/profile",
    {
      preHandler: requireRole("partner"),
      schema: { params: PartnerIdParams, body: ProfileEditBody, response: { 200: PartnerViewSchema } },
    },
    async (request) => updateProfile(deps, principalOf(request), request.params.id, request.body),
  );
  app.post(
    "/partners/:id/profile/preview",
    { preHandler: requireRole("partner", "admin"), schema: { params: PartnerIdParams, body: ProfileEditBody } },
    async (request) => previewProfile(deps, principalOf(request), request.params.id, request.body),
  );
  app.get(
    "/partners/:id/audit",
    { preHandler: requireRole("partner", "admin"), schema: { params: PartnerIdParams, querystring: AuditQuery } },
    async (request) => listAudit(deps, principalOf(request), request.params.id, request.query),
  );
}
