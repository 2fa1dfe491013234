// (a) The relay dies between publishing and marking the row sent, inside and beyond JetStream's duplicate window;
// (d) the same event reaches the stream several times, also while two consumer replicas race. Each case ends with the
// consumer caught up on the whole stream and every event applied exactly once.
import { nanos } from "@nats-io/transport-node";
import { durableName, partnerRegisteredV1 } from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { openPipeline, SETTLE_MS } from "./support/pipeline.ts";

const durable = durableName("survey", partnerRegisteredV1.type, partnerRegisteredV1.version);

const crashAfterPublish = async () => {
  throw new Error("relay died after publish, before marking sent");
};
const RelayCrashed = { message: /relay died after publish/ };

t.test(
  "relay dies after publish: a fresh relay republishes, JetStream drops the duplicate, the effect applies once",
  async (t) => {
    const p = await openPipeline(t);
    await p.runner().start();
    const event = await p.writeEvent();

    await t.rejects(p.relay({ afterPublish: crashAfterPublish }).publishBatch(), RelayCrashed);
    t.equal(await p.unsentCount(), 1, "the row is still unsent after the crash");
    t.equal((await p.jsm.streams.info(p.stream)).state.messages, 1, "but the message did reach the stream");

    t.equal(await p.relay().publishBatch(), 1, "the fresh relay publishes and marks the row");
    t.equal(await p.unsentCount(), 0);
    t.equal((await p.jsm.streams.info(p.stream)).state.messages, 1, "same Nats-Msg-Id inside the window: deduplicated");

    await waitFor(() => p.consumerCaughtUp(durable), {
      timeoutMs: SETTLE_MS,
      description: "consumer acked the stream",
    });
    t.same([...(await p.effects())], [[event.id, 1]]);
  },
);

t.test(
  "relay dies after publish and the retry comes after the duplicate window: the inbox alone dedupes",
  async (t) => {
    const p = await openPipeline(t);
    // Shrink the window so "later than the window" takes one second, not two minutes.
    const { config } = await p.jsm.streams.info(p.stream);
    await p.jsm.streams.update(p.stream, { ...config, duplicate_window: nanos(300) });
    await p.runner().start();
    const event = await p.writeEvent();

    await t.rejects(p.relay({ afterPublish: crashAfterPublish }).publishBatch(), RelayCrashed);
    await waitFor(async () => (await p.effects()).get(event.id) === 1, {
      timeoutMs: SETTLE_MS,
      description: "first copy applied",
    });
    await new Promise((resolve) => setTimeout(resolve, 600));

    t.equal(await p.relay().publishBatch(), 1);
    t.equal((await p.jsm.streams.info(p.stream)).state.messages, 2, "outside the window JetStream stores the copy");
    await waitFor(() => p.consumerCaughtUp(durable), {
      timeoutMs: SETTLE_MS,
      description: "consumer acked both copies",
    });
    t.same([...(await p.effects())], [[event.id, 1]], "the second copy was a no-op");
  },
);

t.test("the same event published twice, with and without Nats-Msg-Id, is applied once", async (t) => {
  const p = await openPipeline(t);
  const event = await p.writeEvent();
  const [row] = await p.producerDb.$queryRawUnsafe<{ subject: string; payload: unknown }[]>(
    "SELECT subject, payload FROM outbox_event WHERE id = $1::uuid",
    event.id,
  );
  const body = JSON.stringify(row!.payload);

  const first = await p.js.publish(row!.subject, body, { msgID: event.id });
  const second = await p.js.publish(row!.subject, body, { msgID: event.id });
  t.equal(first.duplicate, false);
  t.equal(second.duplicate, true, "JetStream reports the republish as a duplicate");
  // A copy without Nats-Msg-Id (e.g. re-published from the outbox by an operator) is stored again.
  await p.js.publish(row!.subject, body);
  t.equal((await p.jsm.streams.info(p.stream)).state.messages, 2);

  await p.runner().start();
  await waitFor(() => p.consumerCaughtUp(durable), { timeoutMs: SETTLE_MS, description: "consumer acked both copies" });
  t.same([...(await p.effects())], [[event.id, 1]]);
});

t.test("two consumer replicas racing over many copies of the same events apply each once", async (t) => {
  const p = await openPipeline(t);
  const events = await Promise.all(Array.from({ length: 5 }, () => p.writeEvent()));
  const rows = await p.producerDb.$queryRawUnsafe<{ subject: string; payload: unknown }[]>(
    "SELECT subject, payload FROM outbox_event",
  );
  // 10 copies of each event, interleaved, none deduplicated by JetStream.
  const copies = Array.from({ length: 10 }, () => rows).flat();
  await Promise.all(copies.map((row) => p.js.publish(row.subject, JSON.stringify(row.payload))));
  t.equal((await p.jsm.streams.info(p.stream)).state.messages, 50);

  // Two replicas of the same consumer share the durable, so copies of one event run in both at the same time.
  await Promise.all([p.runner().start(), p.runner().start()]);
  await waitFor(() => p.consumerCaughtUp(durable), { timeoutMs: SETTLE_MS, description: "all 50 copies acked" });
  const effects = await p.effects();
  t.same(
    events.map((event) => effects.get(event.id)),
    events.map(() => 1),
  );
  t.equal(effects.size, 5);
});
