import { type HttpServer, requireRole } from "@tpx/service-kit";
import type { Db } from "../../db.ts";
import type { ScoringDeps } from "../../usecases/deps.ts";
import { recomputeOnRequest } from "../../usecases/recompute-on-request.ts";
import { PartnerParams, RecomputeReply } from "../analytics/schemas.ts";

/** PCR oversight: an admin recomputes a partner's score by hand (trigger "manual"). */
export function registerAdminRoutes(app: HttpServer, db: Db, deps: ScoringDeps): void {
  app.post(
    "/admin/partners/:partnerId/recompute",
    { preHandler: requireRole("admin"), schema: { params: PartnerParams, response: { 200: RecomputeReply } } },
    async (request) => recomputeOnRequest(deps, db, request.params.partnerId),
  );
}
