import { LeadStatusChangedSchema, LeadStatusSchema } from "../../gen/tpx/events/v1/matching_pb.ts";
import { defineEvent } from "../define-event.ts";

export const leadStatusChangedV1 = defineEvent({
  type: "lead.status_changed",
  version: 1,
  producer: "matching",
  description: "A lead was created (previous status unspecified) or moved in the partner's pipeline.",
  schema: LeadStatusChangedSchema,
  check(data, check) {
    check.required("leadId", data.leadId);
    check.required("partnerId", data.partnerId);
    check.required("contractorId", data.contractorId);
    check.optional("matchId", data.matchId);
    check.knownEnum("previousStatus", data.previousStatus, LeadStatusSchema);
    check.enumValue("status", data.status, LeadStatusSchema);
    if (data.status === data.previousStatus) check.fail("status must differ from previousStatus");
    check.optional("changedByUserId", data.changedByUserId);
    check.timestamp("changedAt", data.changedAt);
  },
});
