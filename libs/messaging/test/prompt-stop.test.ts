// A stop is prompt whenever it comes: with a backlog already pulled it finishes only the batch in hand and hands the
// rest back to JetStream for immediate redelivery (nothing lost, nothing applied twice); during start it starts nothing
// more and stops what did start. A service stopped soon after start must exit well inside SHUTDOWN_TIMEOUT_MS.
import { setTimeout as sleep } from "node:timers/promises";
import { advisoryStreamName, durableName, partnerRegisteredV1 } from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { defineConsumer } from "../src/index.ts";
import { openPipeline, recordEffect, type SurveyTx } from "./support/pipeline.ts";

const durable = durableName("survey", partnerRegisteredV1.type, partnerRegisteredV1.version);
const EVENTS = 200;
const HANDLER_MS = 25;

t.test("a stop with a backlog finishes the batch in hand and releases the rest at once", async (t) => {
  const p = await openPipeline(t);
  for (let index = 0; index < EVENTS; index++) await p.writeEvent();
  await p.relay().publishBatch();
  await p.relay().publishBatch();

  // One event per transaction, each slow: the client pulls far ahead of what the handler gets through.
  let applied = 0;
  const slow = p.runner({
    batchSize: 1,
    async handle(tx, event) {
      await sleep(HANDLER_MS);
      await recordEffect(tx, event);
      applied += 1;
    },
  });
  await slow.start();
  await waitFor(async () => applied >= 5 && (await p.jsm.consumers.info(p.stream, durable)).num_ack_pending > 100, {
    description: "the runner holds a backlog",
  });
  const notHandled = EVENTS - applied;
  const stoppingAt = Date.now();
  await slow.stop();
  const stopMs = Date.now() - stoppingAt;
  t.ok(stopMs < 2_000, `stopped in ${stopMs} ms with ${notHandled} events received or waiting`);
  const appliedBeforeStop = applied;
  await sleep(300);
  t.equal(applied, appliedBeforeStop, "nothing is handled after the stop resolved");

  // The released events go to the next runner at once, not after AckWait (30 s).
  const takingOverAt = Date.now();
  await p.runner().start();
  await waitFor(async () => (await p.effects()).size === EVENTS, { timeoutMs: 15_000, description: "every event" });
  t.comment(`the next runner applied the other ${EVENTS - appliedBeforeStop} in ${Date.now() - takingOverAt} ms`);
  const effects = await p.effects();
  t.equal(effects.size, EVENTS, "every event applied");
  t.ok(
    [...effects.values()].every((count) => count === 1),
    "none applied twice",
  );
  t.ok(await waitFor(() => p.consumerCaughtUp(durable)), "and every delivery acked");
});

t.test("a stop during start starts nothing more and stops what did start", async (t) => {
  const p = await openPipeline(t);
  const runner = p.runner();
  for (const name of ["second", "third", "fourth"]) {
    runner.add(defineConsumer<SurveyTx, unknown>({ contract: partnerRegisteredV1, name, handle: recordEffect }));
  }
  const stoppingAt = Date.now();
  await Promise.all([runner.start(), runner.stop()]);
  t.ok(Date.now() - stoppingAt < 5_000, `start and stop settled in ${Date.now() - stoppingAt} ms`);

  await p.writeEvent();
  await p.relay().publishBatch();
  await sleep(1_000);
  t.equal((await p.effects()).size, 0, "no consumer is running");
  const consumers = await p.jsm.consumers.list(p.stream).next();
  for (const info of consumers) t.equal(info.num_waiting, 0, `${info.name} has no pull open`);
});

t.test("dead-letter capture stopped during its start does not run", async (t) => {
  const p = await openPipeline(t);
  const deadLetters = p.deadLetters(p.runner());
  await Promise.all([deadLetters.start(), deadLetters.stop()]);
  await sleep(300);
  const info = await p.jsm.consumers.info(advisoryStreamName(p.ns), "survey__dead-letters");
  t.equal(info.num_waiting, 0, "no pull open on the advisory stream");
});
