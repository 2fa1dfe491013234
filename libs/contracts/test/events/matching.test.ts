import t from "tap";
import { leadMessageSentV1, leadStatusChangedV1, matchCreatedV1 as match } from "../../src/events/index.ts";
import { changed, decodeError, REMOVE } from "../helpers/mutate.ts";

t.test("match.created.v1 ranks partners with scores in [0, 1]", async (t) => {
  const data = match.decode(changed(match, {}));
  t.equal(data.candidates.length, 2);
  t.equal(data.candidates[1]?.leadId, undefined);
  t.throws(() => match.decode(changed(match, { candidates: [] })), decodeError(/candidates needs at least 1/));
  t.throws(
    () => match.decode(changed(match, { "candidates.0.score": 1.2 })),
    decodeError(/candidates\[0\]\.score must be within \[0, 1\]/),
  );
  t.throws(
    () => match.decode(changed(match, { "candidates.1.rank": 1 })),
    decodeError(/candidates\.rank contains "1" twice/),
  );
  t.throws(() => match.decode(changed(match, { "candidates.0.rank": 0 })), decodeError(/rank must be at least 1/));
  t.throws(
    () => match.decode(changed(match, { primaryPartnerId: "someone-else" })),
    decodeError(/primaryPartnerId must be one of the candidates/),
  );
});

t.test("lead.status_changed.v1 starts from unspecified and moves", async (t) => {
  t.ok(leadStatusChangedV1.decode(changed(leadStatusChangedV1, { previousStatus: REMOVE, status: "LEAD_STATUS_NEW" })));
  t.throws(
    () => leadStatusChangedV1.decode(changed(leadStatusChangedV1, { status: "LEAD_STATUS_NEW" })),
    decodeError(/status must differ from previousStatus/),
  );
  t.equal(
    leadStatusChangedV1.decode(
      changed(leadStatusChangedV1, {
        previousStatus: "LEAD_STATUS_CONTACTED",
        status: "LEAD_STATUS_MEETING_SCHEDULED",
      }),
    ).status,
    7,
    "meeting scheduled is a pipeline stage",
  );
  t.throws(
    () => leadStatusChangedV1.decode(changed(leadStatusChangedV1, { matchId: "" })),
    decodeError(/matchId must not be blank when present/),
  );
});

t.test("lead.message.sent.v1 names the sender", async (t) => {
  t.throws(
    () => leadMessageSentV1.decode(changed(leadMessageSentV1, { sender: "LEAD_PARTY_UNSPECIFIED" })),
    decodeError(/sender is required/),
  );
});
