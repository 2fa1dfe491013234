import { randomUUID } from "node:crypto";
import t from "tap";
import { changeStatus, completeOnboarding } from "../../src/usecases/apply-partner-facts.ts";
import { recordResponse } from "../../src/usecases/record-response.ts";
import { activated, onboarded, response, startScoring } from "../helper.ts";

t.test("analytics API /partners/{partnerId}/…", async (t) => {
  const scoring = await startScoring(t);
  const { db, deps, app, auth } = scoring;
  const [gold, free, verified] = [randomUUID(), randomUUID(), randomUUID()];
  const at = new Date("2026-10-01T00:00:00Z");
  const seed: [string, "GOLD" | "FREE" | "VERIFIED", number, string[], number][] = [
    [gold, "GOLD", 100, ["marketing", "operations"], 9],
    [free, "FREE", 50, ["marketing"], 5],
    [verified, "VERIFIED", 80, ["marketing"], 7],
  ];
  for (const [partnerId, tier, profile, areas, rating] of seed) {
    await db.$transaction(async (tx) => {
      await completeOnboarding(deps, tx, onboarded(partnerId, tier, profile, areas, at));
      await changeStatus(deps, tx, activated(partnerId, at));
    });
    for (let n = 0; n < 5; n++) {
      const comment = n === 0 ? "Great, helpful team!" : n === 1 ? "Terrible and slow support." : undefined;
      const data = response(partnerId, "2026-Q4", [rating, rating], {
        // Only the gold partner's template asks NPS: 9 (a promoter, 90) three times, 6 (a detractor, 60) twice.
        ...(partnerId === gold ? { nps: n < 3 ? 9 : 6 } : {}),
        audience: n % 2 === 0 ? "customer" : "employee",
        ...(comment ? { comment } : {}),
      });
      await db.$transaction((tx) => recordResponse(deps, tx, data));
    }
  }
  const own = await auth.headers({ role: "partner", partnerId: gold });
  const admin = await auth.headers({ role: "admin" });

  t.test("current score with breakdown, rank and confidence", async (t) => {
    const reply = await app.inject({ method: "GET", url: `/partners/${gold}/score`, headers: own });
    t.equal(reply.statusCode, 200);
    const body = reply.json();
    // Responses (90+90+90)/3 = 90 three times and (90+90+60)/3 = 80 twice: feedback = 430/5 = 86;
    // base = 0.30×100 + 0.70×86 = 90.2; 0.80×90.2 + 20×5/5 + 0 = 72.16 + 20 = 92.16.
    t.match(body, { status: "scored", score: 92.16, tier: "GOLD", revision: 5, pending: null });
    t.match(body.breakdown, { profile: 100, feedback: 86, base: 90.2, payment: 20, momentum: "stable", final: 92.16 });
    t.same(body.rank.overall, { rank: 1, of: 3, percentile: 100 });
    t.same(body.rank.byFocusArea, [
      { focusArea: "marketing", rank: 1, of: 3, percentile: 100 },
      { focusArea: "operations", rank: 1, of: 1, percentile: 100 },
    ]);
    // s = √30 = 5.477, margin = 2.776 × 5.477 / √5 = 6.80 points (not provisional at 10):
    // feedback [79.2, 92.8] → 0.80 × (30 + 0.70 × 79.2) + 20 = 88.35 and 0.80 × (30 + 0.70 × 92.8) + 20 = 95.97.
    t.match(body.confidence, { low: 88.35, high: 95.97, provisional: false, nps: { value: 20, respondents: 5 } });
    t.match(body.confidence.feedback, { responses: 5, mean: 86, margin: 6.8 });
    t.same(
      body.badges.map((badge: { code: string }) => badge.code),
      ["pcr-elite", "tier-gold"],
    );
  });

  t.test("only the partner's own users and admins may read it", async (t) => {
    t.equal((await app.inject({ method: "GET", url: `/partners/${gold}/score` })).statusCode, 401);
    const other = await auth.headers({ role: "partner", partnerId: free });
    t.equal((await app.inject({ method: "GET", url: `/partners/${gold}/feedback`, headers: other })).statusCode, 403);
    const contractor = await auth.headers({ role: "contractor", contractorId: randomUUID() });
    t.equal((await app.inject({ method: "GET", url: `/partners/${gold}/score`, headers: contractor })).statusCode, 403);
    const ranked = await app.inject({ method: "GET", url: `/partners/${free}/score`, headers: admin });
    t.match(ranked.json(), { score: 46, rank: { overall: { rank: 3, of: 3, percentile: 0 } } });
    t.equal(
      (await app.inject({ method: "GET", url: `/partners/${randomUUID()}/score`, headers: admin })).statusCode,
      404,
    );
  });

  t.test("quarterly history keeps every score with its breakdown", async (t) => {
    const body = (await app.inject({ method: "GET", url: `/partners/${gold}/history?limit=2`, headers: own })).json();
    t.same(
      body.scores.map((score: { revision: number }) => score.revision),
      [5, 4],
    );
    t.equal(body.nextBeforeRevision, 4);
    t.match(body.scores[1], { status: "pending", score: null, trigger: "response", window: { responseCount: 4 } });
    t.match(body.quarters, [{ quarter: "2026-Q4", responseCount: 5, qualifies: true, feedback: 86, nps: 20 }]);
  });

  t.test("category averages per quarter, customers and employees apart", async (t) => {
    const url = `/partners/${gold}/categories?quarter=2026-Q4&audience=employee`;
    const body = (await app.inject({ method: "GET", url, headers: own })).json();
    t.same(
      body.items.map((item: { category: string; average: number; responses: number }) => [
        item.category,
        item.average,
        item.responses,
      ]),
      [
        ["communication", 90, 2],
        ["loyalty", 75, 2],
        ["quality", 90, 2],
      ],
    );
    const bad = await app.inject({ method: "GET", url: `/partners/${gold}/categories?quarter=Q4`, headers: own });
    t.equal(bad.statusCode, 400);
    const unknown = await app.inject({ method: "GET", url: `/partners/${gold}/categories?page=2`, headers: own });
    t.equal(unknown.statusCode, 400, "an unknown query parameter is refused, not ignored");
  });

  t.test("feedback summary: counts, NPS, sentiment and anonymous recent comments", async (t) => {
    const body = (await app.inject({ method: "GET", url: `/partners/${gold}/feedback`, headers: own })).json();
    t.same(body.counts, { total: 5, rated: 5, customer: 3, employee: 2 });
    t.match(body.nps, { respondents: 5, promoters: 3, detractors: 2, nps: 20 });
    t.match(body.sentiment, { positive: 1, negative: 1, neutral: 0 });
    t.equal(body.recentComments.length, 2);
    t.same(Object.keys(body.recentComments[0]).sort(), ["audience", "quarter", "sentiment", "submittedOn", "text"]);
  });

  t.test("benchmarks against peers in the same focus area", async (t) => {
    const body = (await app.inject({ method: "GET", url: `/partners/${gold}/benchmarks`, headers: own })).json();
    // free: 0.80 × (15 + 35) + 6 = 46; verified: 0.80 × (24 + 49) + 10 = 68.4.
    // marketing peers: 92.16, 46, 68.4 → average 206.56 / 3 = 68.85, median 68.4.
    t.match(body.overall, { peers: 3, average: 68.85, median: 68.4 });
    t.match(body.focusAreas, [
      { focusArea: "marketing", peers: 3, median: 68.4, standing: { rank: 1 } },
      { focusArea: "operations", peers: 1, median: 92.16 },
    ]);
  });

  t.test("an admin can recompute a score by hand; a partner cannot", async (t) => {
    const url = `/admin/partners/${gold}/recompute`;
    t.equal((await app.inject({ method: "POST", url, headers: own })).statusCode, 403);
    const reply = await app.inject({ method: "POST", url, headers: admin });
    t.same(reply.json(), { status: "scored", score: 92.16 });
    t.equal((await db.scoreRecord.findFirstOrThrow({ where: { partnerId: gold, revision: 6 } })).trigger, "manual");
  });
});
