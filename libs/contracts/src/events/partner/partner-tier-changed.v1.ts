import { PaymentTierSchema } from "../../gen/tpx/events/v1/common_pb.ts";
import { PartnerTierChangedSchema } from "../../gen/tpx/events/v1/partner_pb.ts";
import { defineEvent } from "../define-event.ts";

export const partnerTierChangedV1 = defineEvent({
  type: "partner.tier.changed",
  version: 1,
  producer: "partner",
  description: "The partner's payment tier changed; scoring recomputes the PCR.",
  schema: PartnerTierChangedSchema,
  check(data, check) {
    check.required("partnerId", data.partnerId);
    check.enumValue("previousTier", data.previousTier, PaymentTierSchema);
    check.enumValue("tier", data.tier, PaymentTierSchema);
    if (data.tier === data.previousTier) check.fail("tier must differ from previousTier");
    check.optional("reason", data.reason);
    check.optional("changedByUserId", data.changedByUserId);
    check.timestamp("changedAt", data.changedAt);
  },
});
