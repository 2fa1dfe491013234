import { timestampMs } from "@bufbuild/protobuf/wkt";
import { CampaignCreatedSchema, CampaignKindSchema } from "../../gen/tpx/events/v1/survey_pb.ts";
import { defineEvent } from "../define-event.ts";

export const campaignCreatedV1 = defineEvent({
  type: "campaign.created",
  version: 1,
  producer: "survey",
  description: "A PowerCard campaign was created for a partner.",
  schema: CampaignCreatedSchema,
  check(data, check) {
    check.required("campaignId", data.campaignId);
    check.required("partnerId", data.partnerId);
    check.enumValue("kind", data.kind, CampaignKindSchema);
    check.quarter("quarter", data.quarter);
    check.required("templateId", data.templateId);
    check.atLeast("templateVersion", data.templateVersion, 1);
    check.timestamp("createdAt", data.createdAt);
    check.timestamp("closesAt", data.closesAt);
    if (data.createdAt && data.closesAt && timestampMs(data.closesAt) <= timestampMs(data.createdAt)) {
      check.fail("closesAt must be after createdAt");
    }
  },
});
