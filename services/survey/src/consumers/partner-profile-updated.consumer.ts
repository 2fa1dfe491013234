import { partnerProfileUpdatedV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { recordPartnerProfile } from "../usecases/record-partner.ts";

/** A renamed partner is greeted by its new name in later invitations. */
export function partnerProfileUpdatedConsumer() {
  return defineConsumer<Tx, ReturnType<typeof partnerProfileUpdatedV1.decode>>({
    contract: partnerProfileUpdatedV1,
    handle: (tx, event) =>
      recordPartnerProfile(tx, {
        id: event.data.partnerId,
        companyName: event.data.companyName,
        slug: event.data.slug,
      }),
  });
}
