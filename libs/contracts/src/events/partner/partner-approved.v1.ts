import { PartnerApprovedSchema } from "../../gen/tpx/events/v1/partner_pb.ts";
import { defineEvent } from "../define-event.ts";

export const partnerApprovedV1 = defineEvent({
  type: "partner.approved",
  version: 1,
  producer: "partner",
  description: "An admin approved the partner; it is active and publicly listed.",
  schema: PartnerApprovedSchema,
  check(data, check) {
    check.required("partnerId", data.partnerId);
    check.slug("slug", data.slug);
    check.required("approvedByUserId", data.approvedByUserId);
    check.timestamp("approvedAt", data.approvedAt);
  },
});
