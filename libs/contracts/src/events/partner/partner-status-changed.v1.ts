import { PartnerStatusChangedSchema, PartnerStatusSchema } from "../../gen/tpx/events/v1/partner_pb.ts";
import { defineEvent } from "../define-event.ts";

export const partnerStatusChangedV1 = defineEvent({
  type: "partner.status_changed",
  version: 1,
  producer: "partner",
  description: "The partner's lifecycle status changed.",
  schema: PartnerStatusChangedSchema,
  check(data, check) {
    check.required("partnerId", data.partnerId);
    check.knownEnum("previousStatus", data.previousStatus, PartnerStatusSchema);
    check.enumValue("status", data.status, PartnerStatusSchema);
    if (data.status === data.previousStatus) check.fail("status must differ from previousStatus");
    check.optional("reason", data.reason);
    check.optional("changedByUserId", data.changedByUserId);
    check.timestamp("changedAt", data.changedAt);
  },
});
