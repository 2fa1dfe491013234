// (c) NATS goes away for a while (a private nats-server, stopped and started on the same port and store). Events
// keep being committed to the outbox during the outage, nothing is lost, and after the restart everything drains and
// is applied exactly once, published in the order it was written; an outage is never mistaken for a refusal, so no row
// is parked even with parkAfterAttempts = 1. Stopping relay and consumers while NATS is down must not hang.
import { setTimeout as sleep } from "node:timers/promises";
import { durableName, partnerRegisteredV1 } from "@tpx/contracts";
import { startNatsServer, waitFor } from "@tpx/testing";
import t from "tap";
import { openPipeline, SETTLE_MS } from "./support/pipeline.ts";

const durable = durableName("survey", partnerRegisteredV1.type, partnerRegisteredV1.version);

t.test("events written during an outage wait in the outbox and are applied once after NATS returns", async (t) => {
  const nats = await startNatsServer(t);
  const p = await openPipeline(t, { natsUrl: nats.url });
  p.relay({ publishTimeoutMs: 500, parkAfterAttempts: 1 }).start();
  await p.runner().start();

  const before = await Promise.all(Array.from({ length: 5 }, () => p.writeEvent()));
  await waitFor(async () => (await p.effects()).size === 5, {
    timeoutMs: SETTLE_MS,
    description: "events before the outage applied",
  });

  await nats.stop();
  const during = [];
  for (let index = 0; index < 20; index += 1) during.push(await p.writeEvent());
  // Long enough for the relay to try (and time out) a few times.
  await sleep(1_500);
  t.equal(await p.unsentCount(), 20, "every event of the outage is still in the outbox, unsent");
  t.equal((await p.effects()).size, 5, "and none of them was applied yet");

  await nats.start();
  const all = [...before, ...during];
  await waitFor(async () => (await p.unsentCount()) === 0, { timeoutMs: SETTLE_MS, description: "outbox drained" });
  await waitFor(() => p.consumerCaughtUp(durable), { timeoutMs: SETTLE_MS, description: "consumer caught up" });
  const effects = await p.effects();
  t.same(
    all.map((event) => effects.get(event.id)),
    all.map(() => 1),
    "all 25 events applied exactly once",
  );
  t.equal(effects.size, 25);

  const [parked] = await p.producerDb.$queryRawUnsafe<{ n: number }[]>(
    "SELECT count(*)::int AS n FROM outbox_event WHERE parked_at IS NOT NULL",
  );
  t.equal(parked?.n, 0, "nothing was parked");
  const stored: string[] = [];
  const { state } = await p.jsm.streams.info(p.stream);
  for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
    const id = (await p.jsm.streams.getMessage(p.stream, { seq }))?.header.get("Nats-Msg-Id");
    if (id && !stored.includes(id)) stored.push(id);
  }
  t.same(
    stored.slice(before.length),
    during.map((event) => event.id),
    "the events of the outage are in the stream in the order they were written",
  );
});

t.test("relay and consumers stop promptly while NATS is down", async (t) => {
  const nats = await startNatsServer(t);
  const p = await openPipeline(t, { natsUrl: nats.url });
  const relay = p.relay({ publishTimeoutMs: 500 });
  relay.start();
  const runner = p.runner();
  await runner.start();

  await nats.stop();
  await p.writeEvent();
  await sleep(300);
  const started = Date.now();
  await Promise.all([relay.stop(), runner.stop()]);
  t.ok(Date.now() - started < 5_000, `stopped in ${Date.now() - started} ms`);
  t.equal(await p.unsentCount(), 1, "the unsent event stays for the next relay");
});
