import { partnerRegisteredV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { attachPartner } from "../usecases/attach-partner.ts";

/** The partner service created the draft partner of a partner sign-up: the owner's tokens now carry partner_id. */
export const partnerRegisteredConsumer = defineConsumer<Tx, ReturnType<typeof partnerRegisteredV1.create>>({
  contract: partnerRegisteredV1,
  handle: (tx, event) =>
    attachPartner(tx, { partnerId: event.data.partnerId, slug: event.data.slug, ownerUserId: event.data.ownerUserId }),
});
