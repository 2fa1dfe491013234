// The response consumer stores and recomputes a whole batch set-based. It must do exactly what applying the events
// one by one does: one recompute, one history row and one pcr.updated per new response, consecutive revisions in
// delivery order, nothing for duplicates; and a batch that fails is retried event by event.
import { randomUUID } from "node:crypto";
import {
  type CloudEvent,
  createEnvelope,
  pcrUpdatedV1,
  QuestionType,
  type ResponseRecorded,
  responseRecordedV1,
} from "@tpx/contracts";
import type { ReceivedEvent } from "@tpx/messaging";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { responseRecordedConsumer } from "../../src/consumers/response-recorded.consumer.ts";
import type { Db } from "../../src/db.ts";
import { quarterFigures } from "../../src/domain/quarter-figures.ts";
import { groupByQuarter } from "../../src/repositories/response.repository.ts";
import { changeTier, completeOnboarding } from "../../src/usecases/apply-partner-facts.ts";
import { recordResponse } from "../../src/usecases/record-response.ts";
import { onboarded, publish, response, startScoring, tierChanged } from "../helper.ts";

type Scoring = Awaited<ReturnType<typeof startScoring>>;

let sequence = 0;
function received(data: ResponseRecorded): ReceivedEvent<ResponseRecorded> {
  const envelope = createEnvelope({
    source: "tpx/survey",
    type: responseRecordedV1.type,
    dataschema: responseRecordedV1.dataschema,
    data: responseRecordedV1.encode(data),
  }) as CloudEvent<unknown>;
  return { envelope, data, subject: "test", streamSequence: ++sequence, deliveryCount: 1 };
}

/** A response with only a free-text answer: stored, but it does not count towards the PCR. */
function unrated(partnerId: string, quarter: string): ResponseRecorded {
  const answer = { questionId: "q0", category: "comments", type: QuestionType.TEXT, textValue: "Fine" };
  const { $typeName: _type, ...fields } = response(partnerId, quarter, []);
  return responseRecordedV1.create({ ...fields, answers: [answer] });
}

async function pcrEvents(db: Db) {
  const rows = await db.outboxEvent.findMany({ where: { type: "pcr.updated" } });
  return rows
    .map((row) => pcrUpdatedV1.decode((row.payload as { data: unknown }).data))
    .sort((a, b) => a.partnerId.localeCompare(b.partnerId) || a.revision - b.revision);
}

t.test("two responses for one partner in one batch: two recomputes, consecutive revisions", async (t) => {
  const scoring = await startScoring(t);
  const { db, deps } = scoring;
  const partnerId = randomUUID();
  for (let n = 0; n < 3; n++) {
    await db.$transaction((tx) => recordResponse(deps, tx, response(partnerId, "2026-Q4", [8, 8])));
  }
  const consumer = responseRecordedConsumer(deps);
  const batch = [response(partnerId, "2026-Q4", [6, 6]), response(partnerId, "2026-Q4", [10, 10])].map(received);
  await db.$transaction((tx) => consumer.handleBatch!(tx, batch));

  const events = (await pcrEvents(db)).slice(3);
  t.match(events, [
    { revision: 4, status: 2, window: { responseCount: 4, responsesNeeded: 5 } },
    { revision: 5, status: 1, window: { responseCount: 5 }, breakdown: { feedbackScore: 80 } },
  ]);
  t.equal(events[0]?.score, undefined, "the first is still pending: it does not see the second response");
  const history = await db.scoreRecord.findMany({ where: { partnerId }, orderBy: { revision: "asc" } });
  t.same(
    history.map((row) => [row.revision, row.status, row.responseCount, row.trigger]),
    [
      [1, "pending", 1, "response"],
      [2, "pending", 2, "response"],
      [3, "pending", 3, "response"],
      [4, "pending", 4, "response"],
      [5, "scored", 5, "response"],
    ],
  );
  const partner = await db.partner.findUniqueOrThrow({ where: { id: partnerId } });
  t.match(partner, { revision: 5, pcrStatus: "scored", score: events[1]?.score });
  t.match(await db.quarterSummary.findMany({ where: { partnerId } }), [
    { quarter: "2026-Q4", responseCount: 5, qualifies: true, feedback: 80 },
  ]);
});

/** Every row the consumer writes, in a fixed order, for comparing two databases. */
async function everything(db: Db) {
  const outbox = await db.outboxEvent.findMany();
  return {
    partners: await db.partner.findMany({ orderBy: { id: "asc" } }),
    history: await db.scoreRecord.findMany({ orderBy: [{ partnerId: "asc" }, { revision: "asc" }] }),
    quarters: await db.quarterSummary.findMany({ orderBy: [{ partnerId: "asc" }, { quarter: "asc" }] }),
    responses: await db.feedbackResponse.findMany({ orderBy: { responseId: "asc" } }),
    categories: await db.categoryScore.findMany({ orderBy: [{ responseId: "asc" }, { category: "asc" }] }),
    events: outbox
      .map((row) => ({ type: row.type, data: (row.payload as { data: unknown; subject: string }).data }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

t.test("a batch mixing new responses and duplicates equals applying its events one by one", async (t) => {
  const clock = new Date("2026-12-01T10:00:00Z");
  const [batched, oneByOne] = [await startScoring(t), await startScoring(t)];
  for (const service of [batched, oneByOne]) service.deps.now = () => clock;

  const [rising, older, fresh] = [randomUUID(), randomUUID(), randomUUID()];
  const day = new Date("2026-07-01T00:00:00Z");
  const known = response(rising, "2026-Q4", [9, 9], { nps: 10 });
  const history = [
    // `rising` is scored in Q3 and collecting in Q4; `older` qualifies in Q4 and has 4 responses in Q3.
    ...Array.from({ length: 5 }, (_, n) => response(rising, "2026-Q3", [5 + n, 6], { nps: n + 5 })),
    known,
    ...Array.from({ length: 5 }, (_, n) => response(older, "2026-Q4", [9, 8 + (n % 3)])),
    ...Array.from({ length: 4 }, (_, n) => response(older, "2026-Q3", [4, 3 + n], { comment: "Slow to answer" })),
  ];
  const repeated = response(rising, "2026-Q4", [7, 8], { comment: "Great, helpful team" });
  const batch = [
    response(rising, "2026-Q4", [10, 9]),
    repeated,
    known, // stored before the batch
    response(older, "2026-Q3", [2, 2], { nps: 3 }), // Q3 qualifies: Q4's momentum now compares against it
    { ...repeated }, // the same response again in the same batch
    unrated(fresh, "2026-Q4"), // no rated answer: it recomputes, but there is nothing to score
    response(fresh, "2026-Q1", [4, 4], { audience: "employee" }),
    response(rising, "2026-Q4", [10, 10], { nps: 9 }),
    response(rising, "2026-Q4", [8, 10]), // the 5th rated response of Q4: the window moves
  ].map(received);

  for (const service of [batched, oneByOne]) {
    const { db, deps } = service;
    await db.$transaction(async (tx) => {
      await completeOnboarding(deps, tx, onboarded(rising, "VERIFIED", 90, ["marketing"], day));
      await completeOnboarding(deps, tx, onboarded(older, "FREE", 40, ["marketing"], day));
    });
    for (const data of history) await db.$transaction((tx) => recordResponse(deps, tx, data));
    await db.$transaction((tx) => changeTier(deps, tx, tierChanged(older, "FREE", "GOLD", new Date("2026-08-01Z"))));
  }
  await batched.db.$transaction((tx) => responseRecordedConsumer(batched.deps).handleBatch!(tx, batch));
  const consumer = responseRecordedConsumer(oneByOne.deps);
  for (const event of batch) await oneByOne.db.$transaction((tx) => consumer.handle(tx, event));

  const [got, want] = [await everything(batched.db), await everything(oneByOne.db)];
  t.same(got, want, "same rows and the same events");
  const risingEvents = (await pcrEvents(batched.db)).filter((event) => event.partnerId === rising);
  t.same(
    risingEvents.slice(-4).map((event) => [event.revision, event.window?.quarter, event.window?.responseCount]),
    [
      [7, "2026-Q3", 5],
      [8, "2026-Q3", 5],
      [9, "2026-Q3", 5],
      [10, "2026-Q4", 5],
    ],
    "one pcr.updated per new response (the duplicates published nothing), consecutive revisions",
  );
  t.equal(risingEvents.length, 10);
  t.equal(got.responses.length, history.length + 7, "each new response stored once");
  t.match(
    got.partners.find((partner) => partner.id === fresh),
    { revision: 1, pcrStatus: "pending" },
    "the unrated response recomputed nothing but the rated one did",
  );
  const rebuilt = [...new Set(got.responses.map((row) => row.partnerId))].sort().flatMap((partnerId) => {
    const rated = got.responses.filter((row) => row.partnerId === partnerId && row.score !== null);
    const quarters = groupByQuarter(rated.map((row) => ({ ...row, score: row.score as number })));
    return quarterFigures(quarters, batched.deps.settings.responsesNeeded)
      .map((figures) => ({ partnerId, ...figures }))
      .sort((a, b) => a.quarter.localeCompare(b.quarter));
  });
  t.same(got.quarters, rebuilt, "the quarter figures a full rebuild from the stored responses gives");
  const olderQ4 = got.quarters.find((row) => row.partnerId === older && row.quarter === "2026-Q4");
  t.match(olderQ4, { qualifies: true, momentum: "hot" }, "a later quarter's momentum follows the one that qualified");
});

t.test("a failing batch is retried event by event; the other events are applied once", async (t) => {
  const scoring: Scoring = await startScoring(t);
  const { db, deps, platform } = scoring;
  // A response this database refuses, so the batch holding it fails (as a deadlock or a bug would).
  await db.$executeRawUnsafe(`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.campaign_id = 'poison' THEN RAISE EXCEPTION 'poison response'; END IF; RETURN NEW; END $$`);
  await db.$executeRawUnsafe(
    "CREATE TRIGGER refuse_poison BEFORE INSERT ON feedback_response FOR EACH ROW EXECUTE FUNCTION refuse_poison()",
  );
  const calls: string[] = [];
  const real = responseRecordedConsumer(deps);
  platform.consumers.add({
    ...real,
    handle: (tx, event) => {
      calls.push("one");
      return real.handle(tx, event);
    },
    handleBatch: (tx, events) => {
      calls.push(`batch of ${events.length}`);
      return real.handleBatch!(tx, events);
    },
  });

  const [first, second] = [randomUUID(), randomUUID()];
  const poison = { ...response(first, "2026-Q4", [5, 5]), campaignId: "poison" };
  const healthy = [response(first, "2026-Q4", [8, 8]), response(second, "2026-Q4", [7, 7])];
  const later = response(first, "2026-Q4", [6, 6]);
  // In the stream before the consumer starts, so they arrive together.
  for (const data of [healthy[0]!, poison, healthy[1]!, later]) {
    await publish(platform.js, scoring.namespace, responseRecordedV1, data);
  }
  await scoring.startBackground();
  await waitFor(async () => (await db.scoreRecord.count()) === 3, { timeoutMs: 30_000, description: "3 recomputes" });

  t.equal(calls[0], "batch of 4", "the four events were tried as one batch");
  t.same(calls.slice(1, 5), ["one", "one", "one", "one"], "then one by one");
  const events = await pcrEvents(db);
  const revisionsOf = (partnerId: string) => events.filter((e) => e.partnerId === partnerId).map((e) => e.revision);
  t.same([revisionsOf(first), revisionsOf(second)], [[1, 2], [1]], "one pcr.updated per healthy response");
  t.equal(await db.feedbackResponse.count(), 3);
  t.equal(await db.feedbackResponse.count({ where: { campaignId: "poison" } }), 0);
});
