import { partnerStatusChangedV1, timestampDate } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { recordPartnerStatus } from "../usecases/record-partner.ts";

/** Who is active: only ACTIVE partners get quarterly campaigns. */
export function partnerStatusChangedConsumer() {
  return defineConsumer<Tx, ReturnType<typeof partnerStatusChangedV1.decode>>({
    contract: partnerStatusChangedV1,
    handle: (tx, event) =>
      recordPartnerStatus(tx, {
        partnerId: event.data.partnerId,
        status: event.data.status,
        changedAt: event.data.changedAt ? timestampDate(event.data.changedAt) : new Date(event.envelope.time),
      }),
  });
}
