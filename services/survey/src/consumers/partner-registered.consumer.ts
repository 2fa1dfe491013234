import { partnerRegisteredV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { recordPartnerProfile } from "../usecases/record-partner.ts";

/** The company name recipients see, known from registration on. */
export function partnerRegisteredConsumer() {
  return defineConsumer<Tx, ReturnType<typeof partnerRegisteredV1.decode>>({
    contract: partnerRegisteredV1,
    handle: (tx, event) =>
      recordPartnerProfile(tx, {
        id: event.data.partnerId,
        companyName: event.data.companyName,
        slug: event.data.slug,
      }),
  });
}
