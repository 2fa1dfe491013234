import { type Principal, ValidationError } from "@tpx/service-kit";
import { type ProfileInput, validateProfileInput } from "../domain/profile-patch.ts";
import { loadPartner } from "../repositories/partner-record.ts";
import { type PartnerView, partnerView } from "./partner-view.ts";
import { partnerFor } from "./support/access.ts";
import { actorOf } from "./support/actor.ts";
import { applyProfileChange } from "./support/apply-profile-change.ts";
import type { Deps } from "./support/deps.ts";

export type ProfileUpdateInput = ProfileInput & { slug?: string };

/**
 * Self-service and admin profile edits. Only an admin may send `slug` (the route schemas refuse it from partners); a
 * partner's company-name change after publication keeps the public slug, an admin's moves it (old one redirects).
 */
export async function updateProfile(
  deps: Deps,
  principal: Principal,
  partnerId: string,
  input: ProfileUpdateInput,
): Promise<PartnerView> {
  const { slug, ...fields } = input;
  const { patch, problems } = validateProfileInput(fields);
  if (problems.length > 0) throw new ValidationError(problems);
  return deps.db.$transaction(async (tx) => {
    const loaded = await partnerFor(tx, principal, partnerId, { lock: true });
    const action = principal.role === "admin" ? "admin.update" : "profile.update";
    await applyProfileChange(deps, tx, loaded, { patch, ...(slug ? { slug } : {}) }, actorOf(principal), action);
    return partnerView((await loadPartner(tx, partnerId))!);
  });
}
