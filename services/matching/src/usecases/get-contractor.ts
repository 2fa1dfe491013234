import { NotFoundError } from "@tpx/service-kit";
import type { MatchingDeps } from "../deps.ts";

export async function getContractor(deps: MatchingDeps, contractorId: string) {
  const contractor = await deps.db.contractor.findUnique({ where: { id: contractorId } });
  if (!contractor) throw new NotFoundError("The contractor profile");
  return contractor;
}
