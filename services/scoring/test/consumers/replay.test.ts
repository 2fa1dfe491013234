import { randomUUID } from "node:crypto";
import {
  partnerOnboardingCompletedV1,
  partnerStatusChangedV1,
  partnerTierChangedV1,
  responseRecordedV1,
  streamName,
} from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import type { Db } from "../../src/db.ts";
import { activated, onboarded, publish, response, startScoring, tierChanged } from "../helper.ts";

/** Everything a page could show, without the wall-clock computedAt of the run. */
async function snapshot(db: Db) {
  const partners = await db.partner.findMany({ orderBy: { id: "asc" } });
  const quarters = await db.quarterSummary.findMany({ orderBy: [{ partnerId: "asc" }, { quarter: "asc" }] });
  const latest = await Promise.all(
    partners.map((partner) =>
      db.scoreRecord.findUnique({
        where: { partnerId_revision: { partnerId: partner.id, revision: partner.revision } },
      }),
    ),
  );
  return {
    partners: partners.map(({ computedAt: _at, revision: _revision, ...partner }) => partner),
    // Revision, trigger and previous score say how the facts arrived (two streams, consumed independently), not
    // what they are, so they may differ between runs; the score and all its inputs may not.
    latest: latest.map((record) => {
      if (!record) return record;
      const { computedAt: _at, revision: _revision, previousScore: _previous, trigger: _trigger, ...rest } = record;
      return rest;
    }),
    quarters,
    responses: await db.feedbackResponse.count(),
    categories: await db.categoryScore.count(),
  };
}

t.test("replay of the JetStream history", async (t) => {
  const first = await startScoring(t);
  await first.startBackground();
  const { js } = first.platform;
  const ns = first.namespace;
  const partners = [randomUUID(), randomUUID(), randomUUID()];
  const day = (n: number) => new Date(Date.UTC(2026, 6, n));
  let published = 0;
  for (const [index, partnerId] of partners.entries()) {
    await publish(
      js,
      ns,
      partnerOnboardingCompletedV1,
      onboarded(partnerId, "FREE", 60 + index * 10, ["marketing"], day(1)),
    );
    await publish(js, ns, partnerStatusChangedV1, activated(partnerId, day(2)));
    for (let n = 0; n < 6; n++) {
      await publish(
        js,
        ns,
        responseRecordedV1,
        response(partnerId, "2026-Q3", [5 + index, 6 + (n % 3)], { nps: 5 + n }),
      );
      await publish(
        js,
        ns,
        responseRecordedV1,
        response(partnerId, "2026-Q4", [7 + index, 9 - (n % 2)], { comment: "Great, helpful team" }),
      );
    }
    await publish(
      js,
      ns,
      partnerTierChangedV1,
      tierChanged(partnerId, "FREE", index === 2 ? "GOLD" : "VERIFIED", day(20)),
    );
    published += 15;
  }
  const allProcessed = (db: Db) => async () => (await db.processedEvent.count()) === published;
  await waitFor(allProcessed(first.db), { timeoutMs: 60_000, description: "every event applied" });
  const original = await snapshot(first.db);
  t.equal(original.partners.filter((partner) => partner.pcrStatus === "scored").length, 3);

  // The runbook: stop scoring, drop its database (here: a fresh one), delete its durable consumers, start again.
  await first.platform.consumers.stop();
  for (const durable of first.platform.consumers.names()) {
    const producer = durable.includes("response-recorded") ? "survey" : "partner";
    // A loaded CI box can time a JetStream API request out ("timeout"): try again rather than fail the proof.
    for (let attempt = 1; ; attempt++) {
      try {
        await first.platform.jsm.consumers.delete(streamName(ns, producer), durable);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }
  const second = await startScoring(t, { namespace: ns });
  await second.startBackground();
  await waitFor(allProcessed(second.db), { timeoutMs: 60_000, description: "every event replayed" });

  t.same(await snapshot(second.db), original, "identical scores, breakdowns, badges and quarter figures");
});
