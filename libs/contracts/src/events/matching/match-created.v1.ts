import { MatchCreatedSchema } from "../../gen/tpx/events/v1/matching_pb.ts";
import { defineEvent } from "../define-event.ts";

export const matchCreatedV1 = defineEvent({
  type: "match.created",
  version: 1,
  producer: "matching",
  description: "A contractor was matched to a ranked list of partners.",
  schema: MatchCreatedSchema,
  check(data, check) {
    check.required("matchId", data.matchId);
    check.required("contractorId", data.contractorId);
    check.required("algorithmVersion", data.algorithmVersion);
    if (data.candidates.length === 0) check.fail("candidates needs at least 1 entry");
    data.candidates.forEach((candidate, index) => {
      const at = `candidates[${index}]`;
      check.required(`${at}.partnerId`, candidate.partnerId);
      check.atLeast(`${at}.rank`, candidate.rank, 1);
      check.range(`${at}.score`, candidate.score, 0, 1);
      check.range(`${at}.confidence`, candidate.confidence, 0, 1);
      check.strings(`${at}.reasons`, candidate.reasons);
      check.optional(`${at}.leadId`, candidate.leadId);
    });
    const partnerIds = data.candidates.map((candidate) => candidate.partnerId);
    check.unique("candidates.partnerId", partnerIds);
    check.unique(
      "candidates.rank",
      data.candidates.map((candidate) => String(candidate.rank)),
    );
    check.required("primaryPartnerId", data.primaryPartnerId);
    if (!partnerIds.includes(data.primaryPartnerId)) check.fail("primaryPartnerId must be one of the candidates");
    check.timestamp("createdAt", data.createdAt);
  },
});
