import { PcrStatus, pcrUpdatedV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { recordPcr } from "../repositories/partner-read-model.ts";

/** PCR is the ranking tie-breaker and part of the confidence; a pending PCR means none. */
export const pcrUpdatedConsumer = defineConsumer<Tx, ReturnType<typeof pcrUpdatedV1.decode>>({
  contract: pcrUpdatedV1,
  handle: (tx, { data }) =>
    recordPcr(tx, {
      partnerId: data.partnerId,
      score: data.status === PcrStatus.SCORED && data.score !== undefined ? data.score : null,
      revision: data.revision,
    }),
});
