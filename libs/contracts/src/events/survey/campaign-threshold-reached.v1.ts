import { CampaignThresholdReachedSchema } from "../../gen/tpx/events/v1/survey_pb.ts";
import { defineEvent } from "../define-event.ts";

export const campaignThresholdReachedV1 = defineEvent({
  type: "campaign.threshold_reached",
  version: 1,
  producer: "survey",
  description: "A campaign received the number of responses a PCR needs.",
  schema: CampaignThresholdReachedSchema,
  check(data, check) {
    check.required("campaignId", data.campaignId);
    check.required("partnerId", data.partnerId);
    check.quarter("quarter", data.quarter);
    check.atLeast("threshold", data.threshold, 1);
    check.atLeast("responseCount", data.responseCount, data.threshold);
    check.timestamp("reachedAt", data.reachedAt);
  },
});
