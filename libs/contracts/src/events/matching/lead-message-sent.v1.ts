import { LeadMessageSentSchema, LeadPartySchema } from "../../gen/tpx/events/v1/matching_pb.ts";
import { defineEvent } from "../define-event.ts";

export const leadMessageSentV1 = defineEvent({
  type: "lead.message.sent",
  version: 1,
  producer: "matching",
  description: "A partner or contractor wrote a message on a lead (the text stays in matching).",
  schema: LeadMessageSentSchema,
  check(data, check) {
    check.required("messageId", data.messageId);
    check.required("leadId", data.leadId);
    check.required("partnerId", data.partnerId);
    check.required("contractorId", data.contractorId);
    check.enumValue("sender", data.sender, LeadPartySchema);
    check.timestamp("sentAt", data.sentAt);
  },
});
