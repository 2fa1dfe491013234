import { pcrUpdatedV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { applyPcrUpdate } from "../usecases/apply-pcr-update.ts";

/** Keeps the public profile's PCR, badges and momentum current. */
export const pcrUpdatedConsumer = defineConsumer<Tx, ReturnType<typeof pcrUpdatedV1.decode>>({
  contract: pcrUpdatedV1,
  async handle(tx, { data }) {
    await applyPcrUpdate(tx, data);
  },
});
