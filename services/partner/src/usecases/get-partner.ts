import { NotFoundError, type Principal } from "@tpx/service-kit";
import { findPartnerIdByOwner, loadPartner } from "../repositories/partner-record.ts";
import { type PartnerView, partnerView } from "./partner-view.ts";
import { partnerFor } from "./support/access.ts";
import type { Deps } from "./support/deps.ts";

export async function getPartner(deps: Deps, principal: Principal, partnerId: string): Promise<PartnerView> {
  return deps.db.$transaction(async (tx) => partnerView(await partnerFor(tx, principal, partnerId)));
}

/** The partner user's own partner: the one in its token, else the one it signed up (the token may predate it). */
export async function getOwnPartner(deps: Deps, principal: Principal): Promise<PartnerView> {
  return deps.db.$transaction(async (tx) => {
    const id = principal.partnerId ?? (await findPartnerIdByOwner(tx, principal.userId));
    const loaded = id ? await loadPartner(tx, id) : null;
    if (!loaded) throw new NotFoundError("Your partner");
    return partnerView(loaded);
  });
}
