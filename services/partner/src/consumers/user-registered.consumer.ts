import { UserRole, userRegisteredV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { findPartnerIdByOwner } from "../repositories/partner-record.ts";
import { registerPartner } from "../usecases/register-partner.ts";
import type { Deps } from "../usecases/support/deps.ts";

/** A partner user signed up at the gateway: create its draft partner (once per user) and announce it. */
export function userRegisteredConsumer(deps: Deps) {
  return defineConsumer<Tx, ReturnType<typeof userRegisteredV1.decode>>({
    contract: userRegisteredV1,
    async handle(tx, { data }) {
      if (data.role !== UserRole.PARTNER || data.partnerId !== undefined) return;
      if (await findPartnerIdByOwner(tx, data.userId)) return;
      const companyName =
        data.companyName?.trim() || data.displayName?.trim() || data.email.split("@")[1] || "New partner";
      await registerPartner(deps, tx, {
        companyName,
        ownerUserId: data.userId,
        actor: { userId: data.userId, role: "partner" },
      });
    },
  });
}
