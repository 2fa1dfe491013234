import t from "tap";
import { DEFAULT_SCORE_BADGES, parseScoreBadges } from "../../src/domain/badges.ts";
import { computePcr } from "../../src/domain/compute-pcr.ts";
import { meanInterval, momentumChange, tQuantile975 } from "../../src/domain/confidence.ts";
import { npsSummary } from "../../src/domain/nps.ts";
import { round2 } from "../../src/domain/rounding.ts";
import { sentimentOf } from "../../src/domain/sentiment.ts";

t.test("feedback confidence", async (t) => {
  t.test("is a 95% t interval of the window's response scores", async (t) => {
    // mean 80, s = √250 = 15.811, t(4) = 2.776, margin = 2.776 × 15.811 / √5 = 19.63.
    const interval = meanInterval([60, 70, 80, 90, 100]);
    t.equal(interval.mean, 80);
    t.equal(round2(interval.margin), 19.63);
    t.equal(round2(interval.low), 60.37);
    t.equal(round2(interval.high), 99.63);
  });

  t.test("carries the interval through the formula beside the exact score, which it contains", async (t) => {
    const settings = { responsesNeeded: 5, scoreBadges: parseScoreBadges(DEFAULT_SCORE_BADGES), provisionalMargin: 10 };
    const outcome = computePcr(
      { profile: 50, tier: "FREE" },
      [{ quarter: "2026-Q4", scores: [60, 70, 80, 90, 100] }],
      settings,
    );
    if (outcome.status !== "scored") throw new Error("expected a score");
    // exact: base = 15 + 0.7×80 = 71 → 0.8×71 + 6 = 62.8.
    // low: base = 15 + 0.7×60.3717 = 57.26 → 45.808 + 6 = 51.81; high: 15 + 0.7×99.6283 = 84.74 → 67.792 + 6 = 73.79.
    t.equal(outcome.breakdown.final, 62.8);
    t.equal(outcome.confidence.low, 51.81);
    t.equal(outcome.confidence.high, 73.79);
    t.equal(outcome.confidence.provisional, true, "a margin of 19.63 points is wider than 10");
    const steady = computePcr(
      { profile: 50, tier: "FREE" },
      [{ quarter: "2026-Q4", scores: [79, 80, 80, 81, 80] }],
      settings,
    );
    if (steady.status !== "scored") throw new Error("expected a score");
    t.equal(steady.confidence.provisional, false);
    t.equal(steady.breakdown.final, 62.8, "the same exact score, only surer");
  });

  t.test("says whether a momentum change is larger than its own uncertainty", async (t) => {
    t.equal(momentumChange([90, 91, 89, 90, 90], [80, 81, 79, 80, 80]).significant, true);
    const noisy = momentumChange([100, 40, 95, 50, 90], [80, 60, 85, 55, 70]);
    t.equal(round2(noisy.change), 5);
    t.equal(noisy.significant, false);
  });

  t.test("uses exact t quantiles for small samples and a close expansion beyond", async (t) => {
    t.equal(tQuantile975(4), 2.776);
    t.ok(Math.abs(tQuantile975(60) - 2.0003) < 0.002);
    t.ok(Math.abs(tQuantile975(1000) - 1.9623) < 0.001);
  });
});

t.test("NPS", async (t) => {
  t.test("is promoters (9–10) minus detractors (0–6) with an adjusted-Wald interval", async (t) => {
    // 5 promoters, 3 passives, 2 detractors: NPS = (5 − 2) / 10 = 30.
    // Adjusted: n = 13, p = 5.75/13, d = 2.75/13, nps' = 0.23077, var = (p + d − nps'²)/13 = 0.046200,
    // margin = 1.96 × 0.21494 = 0.42128 → [−19.05, 65.20].
    const summary = npsSummary([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]);
    t.match(summary, { respondents: 10, promoters: 5, passives: 3, detractors: 2, nps: 30 });
    t.equal(round2(summary?.low ?? Number.NaN), -19.05);
    t.equal(round2(summary?.high ?? Number.NaN), 65.2);
    t.equal(npsSummary([]), undefined);
  });
});

t.test("comment sentiment (wink-sentiment)", async (t) => {
  t.equal(sentimentOf("Great team, very responsive and helpful!").label, "positive");
  t.equal(sentimentOf("They were not helpful and the service was terrible.").label, "negative");
  t.equal(sentimentOf("We met on Tuesday.").label, "neutral");
});

t.test("badge thresholds", async (t) => {
  t.same(parseScoreBadges("gold-star:Gold Star:85,ok:OK:50"), [
    { code: "gold-star", label: "Gold Star", min: 85 },
    { code: "ok", label: "OK", min: 50 },
  ]);
  t.throws(() => parseScoreBadges("broken:90"), /must look like code:Label:min/);
  t.throws(() => parseScoreBadges("a:A:50,a:B:60"), /unique/);
});
