import { NotFoundError } from "@tpx/service-kit";
import type { MatchingDeps } from "../deps.ts";
import { type RecordedMatch, recordMatch } from "./record-match.ts";

/** Re-match on demand: the contractor asks for fresh matches (optionally more or fewer than the default). */
export async function matchContractor(
  deps: MatchingDeps,
  input: { contractorId: string; limit?: number | undefined },
): Promise<RecordedMatch> {
  const limit = Math.min(input.limit ?? deps.topN.default, deps.topN.max);
  return deps.db.$transaction(async (tx) => {
    const contractor = await tx.contractor.findUnique({ where: { id: input.contractorId } });
    if (!contractor) throw new NotFoundError("The contractor profile");
    return recordMatch(deps, tx, contractor, "on_demand", limit);
  });
}
