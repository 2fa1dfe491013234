import t from "tap";
import { durableName, parseSubject, streamName, streamSubjects, subjectFor } from "../src/subjects.ts";

t.test("subjects", async (t) => {
  t.equal(subjectFor("tpx", "response.recorded", 1), "tpx.response.recorded.v1");
  t.same(parseSubject("tpx", "tpx.pcr.updated.v2"), { type: "pcr.updated", version: 2 });
  t.equal(parseSubject("tpx", "other.pcr.updated.v2"), undefined);
  t.equal(streamName("tpx", "survey"), "TPX_SURVEY");
  t.same(streamSubjects("t1", "scoring"), ["t1.pcr.>", "t1.badge.>"]);
  t.equal(durableName("scoring", "response.recorded", 1), "scoring__response-recorded-v1");
});
