// (b) A consumer process is SIGKILLed while handling an event: right after its transaction committed (effect done,
// ack never sent) or in the middle of it (nothing committed). JetStream redelivers after AckWait to a fresh runner on
// the same durable; the effect ends up applied exactly once either way.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { durableName, partnerRegisteredV1 } from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import { Registry } from "prom-client";
import t from "tap";
import { openPipeline, type Pipeline, SETTLE_MS } from "./support/pipeline.ts";

const durable = durableName("survey", partnerRegisteredV1.type, partnerRegisteredV1.version);
const ACK_WAIT_MS = 1_500;
const fixture = fileURLToPath(new URL("./fixtures/crashing-consumer.ts", import.meta.url));

/** Starts the crashing consumer process and resolves once its runner is pulling. */
async function startCrashingConsumer(p: Pipeline, natsUrl: string, crashAt: "after-commit" | "before-commit") {
  const child = spawn(process.execPath, ["--import", "tsx", fixture], {
    env: {
      ...process.env,
      CRASH_AT: crashAt,
      DATABASE_URL: p.consumerDbUrl,
      NATS_URL: natsUrl,
      EVENT_NAMESPACE: p.ns,
      ACK_WAIT_MS: String(ACK_WAIT_MS),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  let output = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    output += chunk;
  });
  await Promise.race([
    waitFor(() => output.includes("ready"), { timeoutMs: 60_000, description: "crashing consumer started" }),
    exited.then(([code, signal]) => {
      throw new Error(`crashing consumer exited before it was ready (code ${code}, signal ${signal})`);
    }),
  ]);
  return { exited };
}

function consumedCount(registry: Registry, outcome: string): Promise<number> {
  const metric = registry.getSingleMetric("tpx_events_consumed_total");
  return (metric?.get() ?? Promise.resolve({ values: [] })).then(
    ({ values }) => values.find((value) => value.labels.outcome === outcome)?.value ?? 0,
  );
}

const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
// The two scenarios share nothing (own databases, namespaces, processes) and mostly wait on child processes.
t.jobs = 2;

t.test("killed after commit, before ack: the redelivery finds the inbox row and only acks", async (t) => {
  const p = await openPipeline(t, { natsUrl });
  const consumer = await startCrashingConsumer(p, natsUrl, "after-commit");
  const event = await p.writeEvent();
  await p.relay().publishBatch();

  const [, signal] = await consumer.exited;
  t.equal(signal, "SIGKILL", "the consumer died the hard way");
  t.same([...(await p.effects())], [[event.id, 1]], "its effect was committed");
  const info = await p.jsm.consumers.info(p.stream, durable);
  t.equal(info.num_ack_pending, 1, "and JetStream never got the ack");

  const metrics = new Registry();
  await p.runner({ metrics, retry: { ackWaitMs: ACK_WAIT_MS } }).start();
  await waitFor(() => p.consumerCaughtUp(durable), { timeoutMs: SETTLE_MS, description: "redelivered event acked" });
  t.equal(await consumedCount(metrics, "duplicate"), 1, "the fresh runner saw the redelivery as a duplicate");
  t.equal(await consumedCount(metrics, "applied"), 0);
  t.same([...(await p.effects())], [[event.id, 1]], "the effect is still applied once");
});

t.test("killed inside the transaction: nothing was committed, the redelivery applies the effect once", async (t) => {
  const p = await openPipeline(t, { natsUrl });
  const consumer = await startCrashingConsumer(p, natsUrl, "before-commit");
  const event = await p.writeEvent();
  await p.relay().publishBatch();

  const [, signal] = await consumer.exited;
  t.equal(signal, "SIGKILL");
  t.equal((await p.effects()).size, 0, "the open transaction died with the process");

  const metrics = new Registry();
  await p.runner({ metrics, retry: { ackWaitMs: ACK_WAIT_MS } }).start();
  await waitFor(() => p.consumerCaughtUp(durable), { timeoutMs: SETTLE_MS, description: "redelivered event acked" });
  t.equal(await consumedCount(metrics, "applied"), 1);
  t.same([...(await p.effects())], [[event.id, 1]]);
});
