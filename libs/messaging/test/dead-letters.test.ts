// Poison and undecodable events end in the dead-letter store without blocking the events behind them, and a dead
// letter replayed after its cause is fixed applies the effect once.
import { durableName, partnerRegisteredV1, subjectFor } from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import type { DeadLetterRow } from "../src/index.ts";
import { openPipeline, recordEffect, SETTLE_MS } from "./support/pipeline.ts";

const durable = durableName("survey", partnerRegisteredV1.type, partnerRegisteredV1.version);
const retry = { maxDeliver: 3, backoffMs: [100], ackWaitMs: 5_000 };

t.test("a poison event is dead-lettered after maxDeliver attempts, replayed once its cause is fixed", async (t) => {
  const p = await openPipeline(t);
  let fixed = false;
  // Deliveries each partner's event got (a failed batch retries its events one by one, so handler calls can exceed them).
  const deliveries = new Map<string, Set<number>>();
  const runner = p.runner({
    retry,
    async handle(tx, event) {
      const seen = deliveries.get(event.data.partnerId) ?? new Set<number>();
      deliveries.set(event.data.partnerId, seen.add(event.deliveryCount));
      if (event.data.partnerId.startsWith("poison") && !fixed) throw new Error("downstream rejects this partner");
      await recordEffect(tx, event);
    },
  });
  const deadLetters = p.deadLetters(runner);
  await runner.start();
  await deadLetters.start();

  const poison = await p.writeEvent("poison-1");
  const healthy = await p.writeEvent("healthy-1");
  await p.relay().publishBatch();

  await waitFor(async () => (await p.effects()).get(healthy.id) === 1, {
    timeoutMs: SETTLE_MS,
    description: "healthy event applied",
  });
  const [letter] = await waitFor(
    async () => {
      const rows = await deadLetters.list();
      return rows.length > 0 && rows;
    },
    { timeoutMs: SETTLE_MS, description: "poison event dead-lettered" },
  );
  t.match(letter, {
    consumer: durable,
    stream: p.stream,
    streamSeq: 1,
    subject: subjectFor(p.ns, partnerRegisteredV1.type, partnerRegisteredV1.version),
    reason: "max_deliveries",
    deliveries: 3,
    eventId: poison.id,
    replayedAt: null,
  } satisfies Partial<DeadLetterRow>);
  t.same([...(deliveries.get("poison-1") ?? [])], [1, 2, 3], "delivered exactly maxDeliver times");
  t.same([...(deliveries.get("healthy-1") ?? [])], [1], "the next event was not held back by the poison one");
  t.equal((await p.effects()).has(poison.id), false);

  t.same(await deadLetters.replay(letter!.id), { outcome: "failed", error: "downstream rejects this partner" });
  t.match(await deadLetters.list({ pending: true }), [
    { id: letter!.id, replayError: "downstream rejects this partner" },
  ]);

  fixed = true;
  t.same(await deadLetters.replay(letter!.id), { outcome: "applied" });
  t.same(await deadLetters.replay(letter!.id), { outcome: "duplicate" }, "a second replay is a no-op");
  t.same(await deadLetters.list({ pending: true }), []);
  const [replayed] = await deadLetters.list({ pending: false });
  t.ok(replayed?.replayedAt instanceof Date);
  t.equal(replayed?.replayError, null);
  const effects = await p.effects();
  t.same([effects.get(poison.id), effects.get(healthy.id)], [1, 1]);
});

t.test("an undecodable body is terminated at once and captured with reason terminated", async (t) => {
  const p = await openPipeline(t);
  const runner = p.runner({ retry });
  const deadLetters = p.deadLetters(runner);
  await runner.start();
  await deadLetters.start();
  const subject = subjectFor(p.ns, partnerRegisteredV1.type, partnerRegisteredV1.version);

  await p.js.publish(subject, "{not json", { msgID: "garbage-1" });
  // A valid envelope whose data breaks the contract is just as undecodable.
  const wrongData = {
    specversion: "1.0",
    id: "e-2",
    source: "x",
    type: partnerRegisteredV1.type,
    time: "2026-01-01T00:00:00Z",
    dataschema: "x",
    data: { partnerId: 42 },
  };
  await p.js.publish(subject, JSON.stringify(wrongData));
  const healthy = await p.writeEvent();
  await p.relay().publishBatch();

  await waitFor(async () => (await p.effects()).get(healthy.id) === 1, {
    timeoutMs: SETTLE_MS,
    description: "healthy event applied",
  });
  const letters = await waitFor(
    async () => {
      const rows = await deadLetters.list();
      return rows.length === 2 && rows;
    },
    { timeoutMs: SETTLE_MS, description: "both undecodable messages captured" },
  );
  const bySeq = letters.sort((a, b) => a.streamSeq - b.streamSeq);
  t.match(bySeq, [
    { streamSeq: 1, reason: "terminated", deliveries: 1, eventId: "garbage-1", consumer: durable },
    { streamSeq: 2, reason: "terminated", deliveries: 1, eventId: null },
  ]);
  await waitFor(() => p.consumerCaughtUp(durable), {
    timeoutMs: SETTLE_MS,
    description: "terminated messages count as acknowledged",
  });

  const replay = await deadLetters.replay(bySeq[0]!.id);
  t.same(replay, { outcome: "failed", error: "the stored message cannot be decoded" });
  t.equal((await p.effects()).size, 1);
});

t.test("stream sequences past 2^31 survive capture, list and replay", async (t) => {
  const p = await openPipeline(t);
  const runner = p.runner({ retry });
  const deadLetters = p.deadLetters(runner);
  const big = 2 ** 31 + 5;
  await p.consumerDb.$executeRawUnsafe(
    `INSERT INTO dead_letter (consumer, stream, stream_seq, subject, reason, deliveries, body)
     VALUES ($1, $2, $3::bigint, 'x', 'terminated', 1, '{not json')`,
    durable,
    p.stream,
    String(big),
  );
  t.match(await deadLetters.list(), [{ streamSeq: big }], "a row stored with a large sequence lists");

  // The advisory JetStream would send for a message far down a long-lived stream: captured through the real path.
  const huge = 2 ** 40;
  await deadLetters.start();
  await p.nc.publish(
    `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${p.stream}.${durable}`,
    JSON.stringify({
      type: "io.nats.jetstream.advisory.v1.max_deliver",
      stream: p.stream,
      consumer: durable,
      stream_seq: huge,
      deliveries: 3,
    }),
  );
  const letters = await waitFor(
    async () => {
      const rows = await deadLetters.list();
      return rows.length === 2 && rows;
    },
    { timeoutMs: SETTLE_MS, description: "advisory captured" },
  );
  t.same(
    letters.map((letter) => letter.streamSeq).sort((a, b) => a - b),
    [big, huge],
  );
  const replay = await deadLetters.replay(letters.find((letter) => letter.streamSeq === huge)!.id);
  t.same(replay, { outcome: "failed", error: "the stored message cannot be decoded" }, "replay reads the row back");
});
