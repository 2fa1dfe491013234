import fc from "fast-check";
import t from "tap";
import { DEFAULT_SCORE_BADGES, parseScoreBadges } from "../../src/domain/badges.ts";
import { computePcr, type PcrSettings } from "../../src/domain/compute-pcr.ts";
import { computeBreakdown, type PaymentTier } from "../../src/domain/pcr-formula.ts";
import { rateResponse } from "../../src/domain/rating.ts";
import { round2 } from "../../src/domain/rounding.ts";

const settings: PcrSettings = {
  responsesNeeded: 5,
  scoreBadges: parseScoreBadges(DEFAULT_SCORE_BADGES),
  provisionalMargin: 10,
};
const five = (score: number) => [score, score, score, score, score];

t.test("PCR formula, worked by hand (SPEC §4)", async (t) => {
  t.test("gold with hot momentum is capped at 100", async (t) => {
    // profile 100, feedback 100 (was 80 last qualifying quarter: +20, hot):
    // base = 0.30×100 + 0.70×100 = 100; 0.80×100 + 20×5.0/5 + 5 = 80 + 20 + 5 = 105 → clamp → 100.
    const outcome = computePcr(
      { profile: 100, tier: "GOLD" },
      [
        { quarter: "2026-Q2", scores: five(80) },
        { quarter: "2026-Q3", scores: five(100) },
      ],
      settings,
    );
    if (outcome.status !== "scored") throw new Error("expected a score");
    t.match(outcome.breakdown, { base: 100, payment: 20, momentum: "hot", momentumPoints: 5, final: 100 });
    t.match(outcome.breakdown, { previousQuarter: "2026-Q2", previousFeedback: 80 });
    t.same(
      outcome.badges.map((badge) => badge.code),
      ["pcr-elite", "tier-gold", "hot-streak"],
    );
    t.same(outcome.window, { quarter: "2026-Q3", responseCount: 5, responsesNeeded: 5 });
  });

  t.test("declining momentum takes 3 points", async (t) => {
    // verified, profile 80, feedback 60 after 70 (−10, declining):
    // base = 24 + 42 = 66; 0.80×66 + 20×2.5/5 − 3 = 52.8 + 10 − 3 = 59.8.
    const breakdown = computeBreakdown({
      profile: 80,
      tier: "VERIFIED",
      windowScores: five(60),
      previous: { quarter: "2026-Q1", scores: five(70) },
    });
    t.match(breakdown, { base: 66, payment: 10, momentum: "declining", momentumPoints: -3, final: 59.8 });
  });

  t.test("free with a low profile and no previous quarter", async (t) => {
    // profile 20, feedback 50, stable: base = 6 + 35 = 41; 0.80×41 + 20×1.5/5 + 0 = 32.8 + 6 = 38.8.
    const breakdown = computeBreakdown({ profile: 20, tier: "FREE", windowScores: five(50), previous: undefined });
    t.match(breakdown, { base: 41, payment: 6, momentum: "stable", final: 38.8 });
  });

  t.test("a tier change alone moves the score by the payment difference", async (t) => {
    // Same inputs as above on gold: 32.8 + 20 = 52.8, i.e. +14 = 20 − 6.
    const free = computeBreakdown({ profile: 20, tier: "FREE", windowScores: five(50), previous: undefined });
    const gold = computeBreakdown({ profile: 20, tier: "GOLD", windowScores: five(50), previous: undefined });
    t.equal(gold.final, 52.8);
    t.equal(round2(gold.final - free.final), 14);
  });

  t.test("is pending below 5 responses: n of 5", async (t) => {
    const outcome = computePcr(
      { profile: 90, tier: "GOLD" },
      [{ quarter: "2026-Q4", scores: [90, 80, 70, 60] }],
      settings,
    );
    t.same(outcome, { status: "pending", window: { quarter: "2026-Q4", responseCount: 4, responsesNeeded: 5 } });
    t.same(computePcr({ profile: 90, tier: "GOLD" }, [], settings), { status: "none" });
  });

  t.test("the window is the latest quarter that reached 5, even when a newer one is still collecting", async (t) => {
    const outcome = computePcr(
      { profile: 50, tier: "FREE" },
      [
        { quarter: "2026-Q3", scores: [70, 70, 80, 80, 75] },
        { quarter: "2026-Q4", scores: [10, 10] },
      ],
      settings,
    );
    if (outcome.status !== "scored") throw new Error("expected a score");
    // feedback 75; base = 15 + 52.5 = 67.5; 0.80×67.5 + 6 = 54 + 6 = 60.
    t.match(outcome.breakdown, { feedback: 75, final: 60 });
    t.equal(outcome.window.quarter, "2026-Q3");
  });

  t.test("maps rated answers onto 0–100 and ignores yes/no and free text", async (t) => {
    // 1–5 scale: 4 → (4−1)×25 = 75; 0–10 scale: 7 → 70; response = (75 + 70) / 2 = 72.5.
    const rating = rateResponse([
      { category: "communication", kind: "rating", value: 4, scaleMin: 1, scaleMax: 5 },
      { category: "value", kind: "nps", value: 7, scaleMin: 0, scaleMax: 10 },
      { category: "value", kind: "boolean" },
      { category: "value", kind: "text" },
    ]);
    t.equal(rating.score, 72.5);
    t.equal(rating.ratedAnswers, 2);
    t.equal(rating.npsValue, 7);
    t.same(rating.categories, [
      { category: "communication", score: 75, answers: 1 },
      { category: "value", score: 70, answers: 1 },
    ]);
  });

  t.test("momentum is hot at exactly +5 and declining at exactly −5 despite binary noise", async (t) => {
    const at = (now: number, before: number) =>
      computeBreakdown({
        profile: 0,
        tier: "FREE",
        windowScores: [now],
        previous: { quarter: "2026-Q1", scores: [before] },
      }).momentum;
    t.equal(at(80.1, 75.1), "hot");
    t.equal(at(75.1, 80.1), "declining");
    t.equal(at(80, 75.01), "stable");
  });
});

const tiers: PaymentTier[] = ["FREE", "VERIFIED", "GOLD"];
const score = fc.double({ min: 0, max: 100, noNaN: true });
const scores = fc.array(score, { minLength: 1, maxLength: 30 });
const previous = fc.option(
  scores.map((values) => ({ quarter: "2026-Q1", scores: values })),
  { nil: undefined },
);

t.test("PCR formula properties", async (t) => {
  t.test("final is always within 0..100 with at most 2 decimals", async () => {
    fc.assert(
      fc.property(score, fc.constantFrom(...tiers), scores, previous, (profile, tier, windowScores, prev) => {
        const { final } = computeBreakdown({ profile, tier, windowScores, previous: prev });
        return final >= 0 && final <= 100 && round2(final) === final;
      }),
    );
  });

  t.test("final never decreases when feedback rises", async () => {
    fc.assert(
      fc.property(
        score,
        fc.constantFrom(...tiers),
        scores,
        previous,
        fc.double({ min: 0, max: 50, noNaN: true }),
        (profile, tier, windowScores, prev, lift) => {
          const before = computeBreakdown({ profile, tier, windowScores, previous: prev });
          const raised = windowScores.map((value) => Math.min(100, value + lift));
          const after = computeBreakdown({ profile, tier, windowScores: raised, previous: prev });
          return after.final >= before.final;
        },
      ),
    );
  });

  t.test("free < verified < gold at equal inputs (equal only at the 100 cap)", async () => {
    fc.assert(
      fc.property(score, scores, previous, (profile, windowScores, prev) => {
        const [free, verified, gold] = tiers.map(
          (tier) => computeBreakdown({ profile, tier, windowScores, previous: prev }).final,
        ) as [number, number, number];
        const ordered = free < verified || verified === 100;
        return ordered && (verified < gold || gold === 100);
      }),
    );
  });
});
