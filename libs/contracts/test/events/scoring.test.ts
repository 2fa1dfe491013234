import t from "tap";
import { badgeChangedV1, pcrUpdatedV1 as pcr } from "../../src/events/index.ts";
import { PaymentTier } from "../../src/gen/tpx/events/v1/common_pb.ts";
import { Momentum, PcrStatus, PcrTrigger } from "../../src/gen/tpx/events/v1/scoring_pb.ts";
import { timestampFromDate } from "../../src/index.ts";
import { changed, decodeError, REMOVE } from "../helpers/mutate.ts";

const PENDING = {
  status: "PCR_STATUS_PENDING",
  score: REMOVE,
  previousScore: REMOVE,
  breakdown: REMOVE,
  confidence: REMOVE,
  badges: [],
  "window.responseCount": 3,
};

t.test("pcr.updated.v1", async (t) => {
  t.test("carries the full breakdown of a scored PCR", async (t) => {
    const data = pcr.decode(changed(pcr, {}));
    t.equal(data.status, PcrStatus.SCORED);
    t.equal(data.score, 95.58);
    t.match(data.breakdown, {
      profileScore: 92.5,
      feedbackScore: 86.4,
      baseScore: 88.23,
      paymentTier: PaymentTier.GOLD,
      paymentMultiplier: 5,
      paymentPoints: 20,
      momentum: Momentum.HOT,
      momentumPoints: 5,
      finalScore: 95.58,
    });
    t.same(data.window, {
      $typeName: "tpx.events.v1.PcrWindow",
      quarter: "2026-Q3",
      responseCount: 7,
      responsesNeeded: 5,
    });
    t.equal(data.trigger, PcrTrigger.TIER_CHANGE);
    t.equal(data.badges.length, 3);
  });

  t.test("a pending PCR has no score and no breakdown: 'n of 5 responses'", async (t) => {
    const data = pcr.decode(changed(pcr, PENDING));
    t.equal(data.score, undefined);
    t.equal(data.breakdown, undefined);
    t.match(data.window, { responseCount: 3, responsesNeeded: 5 });
    t.throws(() => pcr.decode(changed(pcr, { ...PENDING, score: 50 })), decodeError(/score must be absent/));
    t.throws(
      () => pcr.decode(changed(pcr, { ...PENDING, "window.responseCount": 5 })),
      decodeError(/must be below window\.responsesNeeded when pending/),
    );
  });

  t.test("a scored PCR is explained by its breakdown", async (t) => {
    t.throws(() => pcr.decode(changed(pcr, { score: REMOVE })), decodeError(/score is required when status/));
    t.throws(() => pcr.decode(changed(pcr, { breakdown: REMOVE })), decodeError(/breakdown is required when status/));
    t.throws(
      () => pcr.decode(changed(pcr, { score: 95.5, "breakdown.finalScore": 95.58 })),
      decodeError(/breakdown\.finalScore must equal score/),
    );
    t.throws(
      () => pcr.decode(changed(pcr, { "window.responseCount": 4 })),
      decodeError(/must reach window\.responsesNeeded when scored/),
    );
    t.throws(
      () => pcr.decode(changed(pcr, { "breakdown.momentum": "MOMENTUM_UNSPECIFIED" })),
      decodeError(/breakdown\.momentum is required/),
    );
    t.throws(
      () => pcr.decode(changed(pcr, { "breakdown.previousQuarter": REMOVE })),
      decodeError(/previousQuarter and breakdown\.previousFeedbackScore come together/),
    );
  });

  t.test("keeps the score within 0..100 with 2 decimals", async (t) => {
    t.throws(
      () => pcr.decode(changed(pcr, { score: 95.581, "breakdown.finalScore": 95.581 })),
      decodeError(/score must have at most 2 decimals/),
    );
    t.throws(
      () => pcr.decode(changed(pcr, { score: 100.5, "breakdown.finalScore": 100.5 })),
      decodeError(/score must be within \[0, 100\]/),
    );
    const rounded = Math.round((0.8 * 88.23 + 20 + 5) * 100) / 100;
    t.ok(pcr.decode(changed(pcr, { score: rounded, "breakdown.finalScore": rounded })), "a computed, rounded score");
  });

  t.test("shows confidence beside the score, as an interval that contains it", async (t) => {
    const data = pcr.decode(changed(pcr, {}));
    t.match(data.confidence, { low: 93.2, high: 97.96, provisional: false, momentumSignificant: true });
    t.throws(
      () => pcr.decode(changed(pcr, { "confidence.low": 96 })),
      decodeError(/confidence interval must contain score/),
    );
    t.throws(
      () => pcr.decode(changed(pcr, { "confidence.feedbackLow": 95 })),
      decodeError(/confidence\.feedbackLow must not exceed confidence\.feedbackHigh/),
    );
    t.throws(
      () => pcr.decode(changed(pcr, { ...PENDING, confidence: { low: 1, high: 2 } })),
      decodeError(/confidence must be absent when status is PCR_STATUS_PENDING/),
    );
  });

  t.test("needs a trigger, a window, a revision and unique badges", async (t) => {
    t.throws(() => pcr.decode(changed(pcr, { trigger: REMOVE })), decodeError(/trigger is required/));
    t.throws(() => pcr.decode(changed(pcr, { window: REMOVE })), decodeError(/window is required/));
    t.throws(() => pcr.decode(changed(pcr, { revision: 0 })), decodeError(/revision must be at least 1/));
    t.throws(
      () => pcr.decode(changed(pcr, { "badges.1.code": "pcr-elite" })),
      decodeError(/badges\.code contains "pcr-elite" twice/),
    );
  });

  t.test("producers build a payload with create() and publish it with encode()", async (t) => {
    const data = pcr.create({
      partnerId: "p-1",
      status: PcrStatus.PENDING,
      window: { quarter: "2026-Q4", responseCount: 2, responsesNeeded: 5 },
      computedAt: timestampFromDate(new Date("2026-10-01T09:00:00Z")),
      trigger: PcrTrigger.RESPONSE,
      revision: 1,
    });
    t.same(pcr.problems(data), []);
    t.same(pcr.encode(data), {
      partnerId: "p-1",
      status: "PCR_STATUS_PENDING",
      badges: [],
      window: { quarter: "2026-Q4", responseCount: 2, responsesNeeded: 5 },
      computedAt: "2026-10-01T09:00:00Z",
      trigger: "PCR_TRIGGER_RESPONSE",
      revision: 1,
    });
    t.throws(() => pcr.encode(pcr.create({ ...data, revision: 0 })), {
      name: "EventPayloadError",
      message: /revision/,
    });
  });
});

t.test("badge.changed.v1 lists a change consistent with the badges held", async (t) => {
  t.throws(
    () => badgeChangedV1.decode(changed(badgeChangedV1, { addedCodes: [], removedCodes: [] })),
    decodeError(/addedCodes or removedCodes must list a change/),
  );
  t.throws(
    () => badgeChangedV1.decode(changed(badgeChangedV1, { addedCodes: ["tier-platinum"] })),
    decodeError(/added badge tier-platinum is missing from badges/),
  );
  t.throws(
    () => badgeChangedV1.decode(changed(badgeChangedV1, { removedCodes: ["pcr-elite"] })),
    decodeError(/removed badge pcr-elite is still in badges/),
  );
  t.throws(
    () => badgeChangedV1.decode(changed(badgeChangedV1, { "badges.0.kind": "BADGE_KIND_UNSPECIFIED" })),
    decodeError(/badges\[0\]\.kind is required/),
  );
});
