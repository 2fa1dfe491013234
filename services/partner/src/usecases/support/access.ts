import { ForbiddenError, NotFoundError, type Principal } from "@tpx/service-kit";
import type { Tx } from "../../db.ts";
import { type LoadedPartner, loadPartner, loadPartnerForUpdate } from "../../repositories/partner-record.ts";

/** A partner user reaches only its own partner: the one in its token, or the one it signed up (token not yet updated). */
export function owns(principal: Principal, partner: { id: string; ownerUserId: string | null }): boolean {
  if (principal.role === "admin") return true;
  if (principal.role !== "partner") return false;
  return (
    principal.partnerId === partner.id || (partner.ownerUserId !== null && partner.ownerUserId === principal.userId)
  );
}

/**
 * Loads the partner the principal may act on. Another partner's id is refused with 403 whether or not it exists, so
 * a partner user cannot probe which ids exist.
 */
export async function partnerFor(
  tx: Tx,
  principal: Principal,
  id: string,
  options: { lock?: boolean } = {},
): Promise<LoadedPartner> {
  const loaded = options.lock ? await loadPartnerForUpdate(tx, id) : await loadPartner(tx, id);
  if (principal.role !== "admin" && (!loaded || !owns(principal, loaded.row))) {
    throw new ForbiddenError("A partner user may only access its own partner.");
  }
  if (!loaded) throw new NotFoundError("The partner");
  return loaded;
}
