import { PartnerProfileUpdatedSchema } from "../../gen/tpx/events/v1/partner_pb.ts";
import { defineEvent } from "../define-event.ts";

export const partnerProfileUpdatedV1 = defineEvent({
  type: "partner.profile.updated",
  version: 1,
  producer: "partner",
  description: "The partner's profile changed; carries the current values other services keep copies of.",
  schema: PartnerProfileUpdatedSchema,
  check(data, check) {
    check.required("partnerId", data.partnerId);
    check.slug("slug", data.slug);
    check.required("companyName", data.companyName);
    check.range("profileCompletion", data.profileCompletion, 0, 100);
    check.strings("focusAreas", data.focusAreas);
    check.strings("capabilities", data.capabilities);
    check.strings("serviceRegions", data.serviceRegions);
    check.strings("revenueTiers", data.revenueTiers);
    check.strings("changedFields", data.changedFields, 1);
    check.timestamp("updatedAt", data.updatedAt);
  },
});
