import { NotFoundError } from "@tpx/service-kit";
import type { Db } from "../db.ts";
import type { ScoringDeps } from "./deps.ts";
import { recomputePcr } from "./recompute-pcr.ts";

/** An admin asks for a recomputation (after a formula or threshold change): one `pcr.updated`, trigger manual. */
export async function recomputeOnRequest(deps: ScoringDeps, db: Db, partnerId: string) {
  const exists = await db.partner.findUnique({ where: { id: partnerId }, select: { id: true } });
  if (!exists) throw new NotFoundError("The partner");
  const outcome = await db.$transaction((tx) => recomputePcr(deps, tx, partnerId, "manual"));
  return { status: outcome.status, score: outcome.status === "scored" ? outcome.breakdown.final : null };
}
