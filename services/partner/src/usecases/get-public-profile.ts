import { NotFoundError } from "@tpx/service-kit";
import { isPublic } from "../domain/lifecycle.ts";
import type { PublicProfile } from "../domain/public-profile.ts";
import { toState } from "../repositories/partner-record.ts";
import { buildPublicProfile } from "./public-model.ts";
import type { Deps } from "./support/deps.ts";

export type PublicLookup = { profile: PublicProfile } | { redirectTo: string };

/**
 * The public page model by slug: approved or active partners only (anything else is 404, as if it did not exist);
 * a slug the partner had before an admin rename answers with the current one.
 */
export async function getPublicProfile(deps: Deps, slug: string): Promise<PublicLookup> {
  return deps.db.$transaction(async (tx) => {
    const row = await tx.partner.findUnique({ where: { slug }, include: { references: true } });
    if (row) {
      if (!isPublic(row.status)) throw new NotFoundError("The partner page");
      return { profile: await buildPublicProfile(tx, toState(row), row.approvedAt) };
    }
    const old = await tx.partnerSlugHistory.findUnique({ where: { slug }, include: { partner: true } });
    if (old && isPublic(old.partner.status)) return { redirectTo: old.partner.slug };
    throw new NotFoundError("The partner page");
  });
}
