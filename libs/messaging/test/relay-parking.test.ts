// Rows JetStream will never accept (no stream captures the subject, a payload over the server's max_payload) are
// parked after parkAfterAttempts refusals instead of being retried forever, so they cannot stall the rows behind
// them. Parked rows show in metrics and at error level, and an admin can put them back in line once the cause is
// fixed. (Outages never park anything: see nats-outage.test.ts.)
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { createLogger } from "@tpx/observability";
import { waitFor } from "@tpx/testing";
import { Registry } from "prom-client";
import t from "tap";
import { openPipeline, type Pipeline, SETTLE_MS } from "./support/pipeline.ts";

const PARK_AFTER = 3;

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: createLogger({ service: "partner", level: "info", destination }), lines };
}

/** Writes a row straight into the producer's outbox, committed in its own transaction. */
async function insertRow(p: Pipeline, subject: string, payload: unknown): Promise<string> {
  const id = randomUUID();
  await p.producerDb.$executeRawUnsafe(
    "INSERT INTO outbox_event (id, subject, type, payload) VALUES ($1::uuid, $2, 'orphan.thing', $3::jsonb)",
    id,
    subject,
    JSON.stringify(payload),
  );
  return id;
}

async function rowsById(p: Pipeline, ids: string[]) {
  const rows = await p.producerDb.$queryRawUnsafe<
    { id: string; sent: boolean; parked: boolean; attempts: number; last_error: string | null }[]
  >(
    `SELECT id::text AS id, sent_at IS NOT NULL AS sent, parked_at IS NOT NULL AS parked, attempts, last_error
     FROM outbox_event WHERE id = ANY($1::uuid[])`,
    ids,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function metricValue(metrics: Registry, name: string): Promise<number | undefined> {
  const metric = metrics.getSingleMetric(name);
  return (await metric?.get())?.values[0]?.value;
}

/** Message ids in the partner stream, in stream order. */
async function streamIds(p: Pipeline): Promise<string[]> {
  const { state } = await p.jsm.streams.info(p.stream);
  const ids: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
    const message = await p.jsm.streams.getMessage(p.stream, { seq });
    if (message) ids.push(message.header.get("Nats-Msg-Id"));
  }
  return ids;
}

t.test("refused rows at the head are parked after N attempts and the rows behind them flow", async (t) => {
  const p = await openPipeline(t);
  const orphanSubject = `${p.ns}.orphan.thing.v1`;
  // More refused rows than one batch holds, all ahead of the good ones: without parking nothing would ever flow.
  const orphans: string[] = [];
  for (let index = 0; index < 6; index += 1) orphans.push(await insertRow(p, orphanSubject, { index }));
  const maxPayload = p.nc.info?.max_payload ?? 1024 * 1024;
  const oversized = await insertRow(p, `${p.ns}.partner.registered.v1`, { blob: "x".repeat(maxPayload + 1) });
  const good: string[] = [];
  for (let index = 0; index < 5; index += 1) good.push((await p.writeEvent()).id);

  const metrics = new Registry();
  const { logger, lines } = capturedLogger();
  const relay = p.relay({ batchSize: 4, parkAfterAttempts: PARK_AFTER, metrics, logger });
  relay.start();
  await waitFor(async () => [...(await rowsById(p, good)).values()].every((row) => row.sent), {
    timeoutMs: SETTLE_MS,
    description: "the good rows published",
  });
  t.same(await streamIds(p), good, "exactly the good events reached the stream, in order");

  const bad = await rowsById(p, [...orphans, oversized]);
  for (const id of orphans) {
    t.match(bad.get(id), {
      sent: false,
      parked: true,
      attempts: PARK_AFTER,
      last_error: `no JetStream stream captures subject ${orphanSubject}`,
    });
  }
  t.match(bad.get(oversized), { sent: false, parked: true, attempts: PARK_AFTER, last_error: /max_payload/ });
  t.equal(await metricValue(metrics, "tpx_outbox_parked"), 7, "parked gauge");
  t.equal(await metricValue(metrics, "tpx_outbox_parked_total"), 7, "parked counter");
  t.equal(await metricValue(metrics, "tpx_outbox_pending"), 0, "parked rows are not pending");
  const parkedLines = lines.filter((line) => line.msg?.toString().startsWith("outbox event parked"));
  t.equal(parkedLines.length, 7, "one error line per parked row");
  t.match(parkedLines[0], { level: "error", outboxId: orphans[0], subject: orphanSubject });
  t.same(
    (await relay.listParked()).map((row) => row.id),
    [...orphans, oversized],
    "listed oldest first",
  );

  // The cause of the orphans is fixed (a stream now captures their subject); an admin retries those rows.
  const orphanStream = `${p.stream}_ORPHANS`;
  await p.jsm.streams.add({ name: orphanStream, subjects: [`${p.ns}.orphan.>`] });
  t.teardown(() => p.jsm.streams.delete(orphanStream).catch(() => false));
  t.equal(await relay.retryParked(orphans), 6);
  await waitFor(async () => [...(await rowsById(p, orphans)).values()].every((row) => row.sent), {
    timeoutMs: SETTLE_MS,
    description: "retried orphans published",
  });
  const { state } = await p.jsm.streams.info(orphanStream);
  t.equal(state.messages, 6);

  // The oversized row cannot be fixed: retried, it is refused again and parked again after a fresh budget.
  t.equal(await relay.retryParked(), 1, "retry all: only the oversized row was still parked");
  t.equal(await relay.retryParked(), 0, "nothing parked right after a retry");
  await waitFor(async () => (await rowsById(p, [oversized])).get(oversized)?.parked, {
    timeoutMs: SETTLE_MS,
    description: "oversized row parked again",
  });
  t.match((await rowsById(p, [oversized])).get(oversized), { attempts: PARK_AFTER });
  t.equal(await metricValue(metrics, "tpx_outbox_parked_total"), 8);
  t.equal(await metricValue(metrics, "tpx_outbox_parked"), 1);
});

t.test("retryParked ignores unknown and unparked ids", async (t) => {
  const p = await openPipeline(t);
  const event = await p.writeEvent();
  const relay = p.relay();
  t.equal(await relay.retryParked([event.id, randomUUID()]), 0);
  t.equal(await relay.publishBatch(), 1);
  t.equal(await relay.retryParked([event.id]), 0, "a sent row is never put back");
});
