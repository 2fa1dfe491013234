import { type Principal, ValidationError } from "@tpx/service-kit";
import { computeCompletion } from "../domain/completion.ts";
import { type ProfileInput, validateProfileInput } from "../domain/profile-patch.ts";
import { buildPublicProfile } from "./public-model.ts";
import { partnerFor } from "./support/access.ts";
import type { Deps } from "./support/deps.ts";

/**
 * What the public page would show with these edits, without saving anything: the same validation as a save, the
 * same public model the page is rendered from, and the completion the edit would reach.
 */
export async function previewProfile(deps: Deps, principal: Principal, partnerId: string, input: ProfileInput) {
  const { patch, problems } = validateProfileInput(input);
  if (problems.length > 0) throw new ValidationError(problems);
  return deps.db.$transaction(async (tx) => {
    const { row, state } = await partnerFor(tx, principal, partnerId);
    const next = { ...state, ...patch };
    const completion = computeCompletion(next);
    return {
      publicProfile: await buildPublicProfile(tx, next, row.approvedAt),
      profileCompletion: completion.percent,
      missing: completion.missing,
    };
  });
}
