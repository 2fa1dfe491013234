import { PartnerRegisteredSchema } from "../../gen/tpx/events/v1/partner_pb.ts";
import { defineEvent } from "../define-event.ts";

export const partnerRegisteredV1 = defineEvent({
  type: "partner.registered",
  version: 1,
  producer: "partner",
  description: "A partner account was created; onboarding has started.",
  schema: PartnerRegisteredSchema,
  check(data, check) {
    check.required("partnerId", data.partnerId);
    check.slug("slug", data.slug);
    check.required("companyName", data.companyName);
    check.optional("ownerUserId", data.ownerUserId);
    check.timestamp("registeredAt", data.registeredAt);
  },
});
