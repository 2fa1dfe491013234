import { randomUUID } from "node:crypto";
import { partnerOnboardingCompletedV1, partnerTierChangedV1, pcrUpdatedV1, responseRecordedV1 } from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import type { Db } from "../../src/db.ts";
import { onboarded, publish, response, startScoring, tierChanged } from "../helper.ts";

const RESPONSE_CONSUMER = "scoring__response-recorded-v1";

async function pcrEvents(db: Db, partnerId: string) {
  const rows = await db.outboxEvent.findMany({
    where: { type: "pcr.updated" },
    orderBy: [{ createdAt: "asc" }, { seq: "asc" }],
  });
  return rows
    .map((row) => pcrUpdatedV1.decode((row.payload as { data: unknown }).data))
    .filter((event) => event.partnerId === partnerId)
    .sort((a, b) => a.revision - b.revision);
}

const processed = (db: Db, consumer: string, eventId: string) =>
  db.processedEvent.findUnique({ where: { consumer_eventId: { consumer, eventId } } });

t.test("consumer response.recorded.v1", async (t) => {
  const scoring = await startScoring(t);
  await scoring.startBackground();
  const { js } = scoring.platform;
  const ns = scoring.namespace;
  const partnerId = randomUUID();
  const start = new Date("2026-10-01T00:00:00Z");
  await publish(js, ns, partnerOnboardingCompletedV1, onboarded(partnerId, "VERIFIED", 80, ["marketing"], start));
  await waitFor(() => scoring.db.partner.findFirst({ where: { id: partnerId, tier: "VERIFIED" } }));

  t.test("stays pending with 'n of 5' until the quarter has 5 responses, then scores", async (t) => {
    for (let n = 1; n <= 4; n++) await publish(js, ns, responseRecordedV1, response(partnerId, "2026-Q4", [8, 8]));
    const pending = await waitFor(async () => (await pcrEvents(scoring.db, partnerId)).at(3));
    t.match(pending, { status: 2, window: { quarter: "2026-Q4", responseCount: 4, responsesNeeded: 5 }, revision: 4 });
    t.equal(pending.score, undefined);

    await publish(js, ns, responseRecordedV1, response(partnerId, "2026-Q4", [8, 8]));
    const scored = await waitFor(async () => (await pcrEvents(scoring.db, partnerId)).at(4));
    // Every response maps to 80; base = 0.30×80 + 0.70×80 = 80; 0.80×80 + 20×2.5/5 = 64 + 10 = 74.
    t.match(scored, { status: 1, score: 74, revision: 5, window: { responseCount: 5 } });
    t.match(scored.breakdown, {
      profileScore: 80,
      feedbackScore: 80,
      baseScore: 80,
      paymentPoints: 10,
      finalScore: 74,
    });
    t.equal((await pcrEvents(scoring.db, partnerId)).length, 5, "one pcr.updated per recompute");
  });

  t.test("a duplicate response.recorded changes nothing", async (t) => {
    const before = await scoring.db.partner.findUniqueOrThrow({ where: { id: partnerId } });
    const again = response(partnerId, "2026-Q4", [2, 2], { responseId: randomUUID() });
    const first = await publish(js, ns, responseRecordedV1, again);
    await waitFor(async () => (await pcrEvents(scoring.db, partnerId)).length === 6);
    // The survey service re-published the same response under a new event id: scoring keys it by response id.
    const copy = await publish(js, ns, responseRecordedV1, again);
    await waitFor(() => processed(scoring.db, RESPONSE_CONSUMER, copy));
    t.not(first, copy);
    const after = await scoring.db.partner.findUniqueOrThrow({ where: { id: partnerId } });
    t.equal(after.revision, before.revision + 1, "only the first copy recomputed");
    t.equal((await pcrEvents(scoring.db, partnerId)).length, 6);
    t.equal(await scoring.db.feedbackResponse.count({ where: { partnerId } }), 6);
  });

  t.test("a tier change alone moves the score by the payment difference", async (t) => {
    const before = await scoring.db.partner.findUniqueOrThrow({ where: { id: partnerId } });
    await publish(js, ns, partnerTierChangedV1, tierChanged(partnerId, "VERIFIED", "GOLD", new Date("2026-11-01Z")));
    const event = await waitFor(async () => (await pcrEvents(scoring.db, partnerId)).find((e) => e.trigger === 2));
    t.equal(event.score, (before.score ?? 0) + 10, "gold 20 points instead of verified 10");
    t.equal(event.previousScore, before.score);
    t.ok(event.badges.some((badge) => badge.code === "tier-gold"));
  });

  t.test("an older tier event arriving late is ignored", async (t) => {
    const revision = (await scoring.db.partner.findUniqueOrThrow({ where: { id: partnerId } })).revision;
    const late = await publish(
      js,
      ns,
      partnerTierChangedV1,
      tierChanged(partnerId, "GOLD", "FREE", new Date("2026-10-15Z")),
    );
    await waitFor(() => processed(scoring.db, "scoring__partner-tier-changed-v1", late));
    const partner = await scoring.db.partner.findUniqueOrThrow({ where: { id: partnerId } });
    t.match(partner, { tier: "GOLD", revision });
  });
});
