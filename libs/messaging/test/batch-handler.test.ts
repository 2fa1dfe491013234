// A consumer with `handleBatch` gets the new events of a batch in one call (inbox duplicates removed), single events
// still go to `handle`, and a batch that fails is retried event by event through `handle`. Events its batch handler
// writes with `Outbox.addMany` stay in the trace of the event that caused them.

import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { type CloudEvent, createEnvelope, partnerRegisteredV1, timestampNow } from "@tpx/contracts";
import { startTracing, tracer } from "@tpx/observability";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { applyEvents, type DecodedEvent } from "../src/inbox.ts";
import { defineConsumer, Outbox, outboxEntry, type ReceivedEvent } from "../src/index.ts";
import { openPipeline, type PartnerRegistered, recordEffect, SETTLE_MS, type SurveyTx } from "./support/pipeline.ts";

const tracing = startTracing({
  service: "survey",
  spanProcessors: [new SimpleSpanProcessor({ exporter: new InMemorySpanExporter() })],
});
t.teardown(() => tracing.shutdown());

function decoded(partnerId: string, id?: string, sequence = 1): DecodedEvent {
  const data = partnerRegisteredV1.create({
    partnerId,
    slug: partnerId,
    companyName: partnerId,
    registeredAt: timestampNow(),
  });
  const envelope = createEnvelope({
    ...(id ? { id } : {}),
    source: "tpx/partner",
    type: partnerRegisteredV1.type,
    dataschema: partnerRegisteredV1.dataschema,
    data: partnerRegisteredV1.encode(data),
  }) as CloudEvent<unknown>;
  return { envelope, data, meta: { subject: "x", streamSequence: sequence, deliveryCount: 1 } };
}

t.test("handleBatch gets the new events of a batch once; single events go to handle", async (t) => {
  const p = await openPipeline(t);
  const calls: string[][] = [];
  const definition = defineConsumer<SurveyTx, PartnerRegistered>({
    contract: partnerRegisteredV1,
    async handle(tx, event) {
      calls.push([`one:${event.data.partnerId}`]);
      await recordEffect(tx, event);
    },
    async handleBatch(tx, events) {
      calls.push(events.map((event) => event.data.partnerId));
      for (const event of events) await recordEffect(tx, event);
    },
  });
  const apply = (events: DecodedEvent[]) => applyEvents(p.consumerDb, "survey__batch", definition, events);

  const [a, b, c] = [decoded("a"), decoded("b"), decoded("c")];
  const copyOfA = { ...a, meta: { ...a.meta, streamSequence: 9 } };
  t.same(await apply([a, b, copyOfA]), ["applied", "applied", "duplicate"]);
  t.same(await apply([a, c]), ["duplicate", "applied"], "an event seen before is not handed over again");
  t.same(await apply([a, b]), ["duplicate", "duplicate"]);
  t.same(await apply([decoded("d")]), ["applied"]);
  t.same(calls, [["a", "b"], ["c"], ["one:d"]], "one call per batch with new events, none when all were known");
  t.same([...(await p.effects()).values()], [1, 1, 1, 1], "every event applied once");
});

t.test("a batch handler's outbox events carry the trace of the event that caused each", async (t) => {
  const p = await openPipeline(t);
  const outbox = new Outbox({ service: "survey", namespace: p.ns });
  const definition = defineConsumer<SurveyTx, PartnerRegistered>({
    contract: partnerRegisteredV1,
    handle: async () => {
      throw new Error("not used");
    },
    async handleBatch(tx, events: readonly ReceivedEvent<PartnerRegistered>[]) {
      const entries = events.map((event) =>
        outboxEntry(partnerRegisteredV1, event.data, {
          subject: event.data.partnerId,
          ...(event.traceContext ? { traceContext: event.traceContext } : {}),
        }),
      );
      // One statement for the batch, written outside any event's trace: each entry names its own.
      await outbox.addMany(tx, entries);
    },
  });
  const spans = ["x", "y"].map((name) => tracer().startSpan(`receive ${name}`));
  const events = ["x", "y"].map((name, index) => ({
    ...decoded(name),
    traceContext: trace.setSpan(context.active(), spans[index]!),
  }));
  await applyEvents(p.consumerDb, "survey__trace", definition, events);
  for (const span of spans) span.end();

  const rows = await p.consumerDb.outboxEvent.findMany({ orderBy: { subject: "asc" } });
  const bySubject = new Map(rows.map((row) => [(row.payload as { subject: string }).subject, row]));
  for (const [index, name] of ["x", "y"].entries()) {
    const { traceId, spanId } = spans[index]!.spanContext();
    t.match((bySubject.get(name)?.payload as { traceparent?: string })?.traceparent, `00-${traceId}-${spanId}-`);
    t.match((bySubject.get(name)?.headers as { traceparent?: string })?.traceparent, `00-${traceId}-${spanId}-`);
  }
});

t.test("a failing batch is retried event by event through handle", async (t) => {
  const p = await openPipeline(t);
  const batches: number[] = [];
  const handled: string[] = [];
  const runner = p.runner({ retry: { maxDeliver: 2, backoffMs: [60_000], ackWaitMs: 60_000 } });
  // Replace the pipeline's consumer with one that has a batch handler.
  runner.add(
    defineConsumer<SurveyTx, PartnerRegistered>({
      contract: partnerRegisteredV1,
      async handle(tx, event) {
        handled.push(event.data.partnerId);
        if (event.data.partnerId === "poison") throw new Error("poison");
        await recordEffect(tx, event);
      },
      async handleBatch(tx, events) {
        batches.push(events.length);
        for (const event of events) await recordEffect(tx, event);
        if (events.some((event) => event.data.partnerId === "poison")) throw new Error("poison in the batch");
      },
    }),
  );
  const written: CloudEvent[] = [];
  for (const partnerId of ["h1", "h2", "poison", "h3", "h4"]) written.push(await p.writeEvent(partnerId));
  // Everything is in the stream before the consumer starts, so it arrives as one pull.
  await p.relay().publishBatch();
  await runner.start();

  const healthy = written.filter((event) => (event.data as { partnerId: string }).partnerId !== "poison");
  await waitFor(async () => (await p.effects()).size === healthy.length && handled.includes("poison"), {
    timeoutMs: SETTLE_MS,
    description: "healthy events applied",
  });
  const effects = await p.effects();
  t.same(
    healthy.map((event) => effects.get(event.id)),
    [1, 1, 1, 1],
    "each healthy event applied once (the failed batch left nothing behind)",
  );
  t.ok(batches.length >= 1 && batches.every((size) => size > 1), "the batch handler saw batches only");
  t.same(handled, ["h1", "h2", "poison", "h3", "h4"], "then each event on its own, in delivery order");
  t.notOk(effects.has(written[2]!.id));
});

t.test("a consumer's own batchSize overrides the runner's", async (t) => {
  const p = await openPipeline(t);
  const sizes: number[] = [];
  const runner = p.runner({ batchSize: 4 });
  runner.add(
    defineConsumer<SurveyTx, PartnerRegistered>({
      contract: partnerRegisteredV1,
      batchSize: 40,
      handle: recordEffect,
      async handleBatch(tx, events) {
        sizes.push(events.length);
        for (const event of events) await recordEffect(tx, event);
      },
    }),
  );
  for (let index = 0; index < 40; index++) await p.writeEvent(`p-${index}`);
  await p.relay().publishBatch();
  await runner.start();

  await waitFor(async () => (await p.effects()).size === 40, { timeoutMs: SETTLE_MS, description: "all applied" });
  t.ok(Math.max(...sizes) > 4, `batches beyond the runner's 4 (${sizes.join(", ")})`);
  t.ok(Math.max(...sizes) <= 40);
  t.same(new Set((await p.effects()).values()), new Set([1]), "each event applied once");
});
