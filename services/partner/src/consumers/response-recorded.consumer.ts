import { responseRecordedV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { recordTestimonial } from "../usecases/record-testimonial.ts";

/** Consented PowerCard comments become anonymous testimonials on the public page. */
export const responseRecordedConsumer = defineConsumer<Tx, ReturnType<typeof responseRecordedV1.decode>>({
  contract: responseRecordedV1,
  async handle(tx, { data }) {
    await recordTestimonial(tx, data);
  },
});
