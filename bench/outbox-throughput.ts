// P6: events through outbox → JetStream → idempotent consumer, as a ratio of raw JetStream publish + consume + one
// plain pg INSERT per message, measured interleaved (A B A B …) in one run. See bench/README.md.
//   npm run bench -- outbox-throughput [--rounds 6] [--events 2000] [--batch-size 32]
import { parseArgs } from "node:util";
import { AckPolicy, DeliverPolicy } from "@nats-io/jetstream";
import { type CloudEvent, createEnvelope, partnerRegisteredV1, streamName, timestampNow } from "@tpx/contracts";
import { ConsumerRunner, defineConsumer, Outbox, OutboxRelay } from "@tpx/messaging";
import { createLogger } from "@tpx/observability";
import pg from "pg";
import { Registry } from "prom-client";
import { createDb as createPartnerDb } from "../services/partner/src/db.ts";
import { createDb as createSurveyDb, type Tx as SurveyTx } from "../services/survey/src/db.ts";
import { type BenchEnvironment, Cleanup, openBenchEnvironment } from "./support/environment.ts";
import { median, summarize, whenCount } from "./support/stats.ts";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    events: { type: "string", default: "2000" },
    "batch-size": { type: "string", default: "32" },
  },
  allowPositionals: true,
});
const ROUNDS = Number(args.rounds);
const EVENTS = Number(args.events);
const BATCH_SIZE = Number(args["batch-size"]);
const WARMUP_EVENTS = 500;
const TIMEOUT_MS = 120_000;
const logger = createLogger({ service: "bench", level: "silent" });
type PartnerRegistered = ReturnType<typeof partnerRegisteredV1.create>;

const EFFECT_TABLE = `CREATE TABLE bench_effect (
  seq bigserial PRIMARY KEY, event_id text NOT NULL, partner_id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

function payload(index: number): PartnerRegistered {
  return partnerRegisteredV1.create({
    partnerId: `partner-${index}`,
    slug: `partner-${index}`,
    companyName: `Partner ${index} Ltd`,
    registeredAt: timestampNow(),
  });
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const env = await openBenchEnvironment(cleanup);
    const producerDb = createPartnerDb(env.producerUrl, 4);
    const consumerDb = createSurveyDb(env.consumerUrl, 8);
    const rawPool = new pg.Pool({ connectionString: env.consumerUrl, max: 1 });
    cleanup.teardown(() => Promise.all([producerDb.$disconnect(), consumerDb.$disconnect(), rawPool.end()]));
    await consumerDb.$executeRawUnsafe(EFFECT_TABLE);

    console.log(`outbox-throughput: ${ROUNDS} rounds of ${EVENTS} events, consumer batch size ${BATCH_SIZE}`);
    // One untimed round of each first: JIT, Prisma's query compiler and the connection pools warm up.
    await resetRound(env, producerDb, consumerDb);
    await pipelineRound(env, producerDb, consumerDb, 0, WARMUP_EVENTS);
    await resetRound(env, producerDb, consumerDb);
    await rawRound(env, rawPool, 0, WARMUP_EVENTS);
    const ratios: number[] = [];
    const pipelineRates: number[] = [];
    const rawRates: number[] = [];
    const pipelineCpu: number[] = [];
    const rawCpu: number[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      await resetRound(env, producerDb, consumerDb);
      const pipeline = await pipelineRound(env, producerDb, consumerDb, round, EVENTS);
      pipelineCpu.push(pipeline.cpuPerEventUs);
      await resetRound(env, producerDb, consumerDb);
      const raw = await rawRound(env, rawPool, round, EVENTS);
      rawCpu.push(raw.cpuPerEventUs);
      pipelineRates.push(pipeline.perSecond);
      rawRates.push(raw.perSecond);
      ratios.push(pipeline.perSecond / raw.perSecond);
      console.log(
        `round ${round}: outbox pipeline ${pipeline.perSecond.toFixed(0)}/s (${pipeline.cpuPerEventUs.toFixed(0)} µs CPU/event), ` +
          `raw ${raw.perSecond.toFixed(0)}/s (${raw.cpuPerEventUs.toFixed(0)} µs CPU/event), ` +
          `ratio ${(pipeline.perSecond / raw.perSecond).toFixed(2)}`,
      );
    }
    console.log(
      `outbox pipeline: median ${median(pipelineRates).toFixed(0)} committed effects/s, ${median(pipelineCpu).toFixed(0)} µs of this process's CPU per event`,
    );
    console.log(
      `raw publish+consume+insert: median ${median(rawRates).toFixed(0)} messages/s, ${median(rawCpu).toFixed(0)} µs CPU per message`,
    );
    console.log(`P6 ratio (target >= 0.6): ${summarize(ratios)}`);
  } finally {
    await cleanup.run();
  }
}

interface RoundResult {
  perSecond: number;
  /** CPU this process (relay, consumer, publisher, clients) spent per event; PostgreSQL and NATS are not in it. */
  cpuPerEventUs: number;
}

function startClock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return {
    stop(events: number): RoundResult {
      const elapsedMs = performance.now() - wall;
      const { user, system } = process.cpuUsage(cpu);
      return { perSecond: (events / elapsedMs) * 1000, cpuPerEventUs: (user + system) / events };
    },
  };
}

/** Same starting point for every round: empty stream, outbox, inbox and effect table. */
async function resetRound(
  env: BenchEnvironment,
  producerDb: ReturnType<typeof createPartnerDb>,
  consumerDb: ReturnType<typeof createSurveyDb>,
) {
  await env.jsm.streams.purge(streamName(env.ns, "partner"));
  await producerDb.$executeRawUnsafe("TRUNCATE outbox_event");
  await consumerDb.$executeRawUnsafe("TRUNCATE processed_event, bench_effect");
}

/**
 * A: the backlog of committed outbox rows (written before the clock starts, as the services' own transactions would
 * have) is relayed to JetStream and applied by the idempotent consumer: inbox row + effect in one transaction, ack
 * after commit. The clock stops when the last effect is committed.
 */
async function pipelineRound(
  env: BenchEnvironment,
  producerDb: ReturnType<typeof createPartnerDb>,
  consumerDb: ReturnType<typeof createSurveyDb>,
  round: number,
  events: number,
): Promise<RoundResult> {
  const outbox = new Outbox({ service: "partner", namespace: env.ns });
  for (let start = 0; start < events; start += 100) {
    await producerDb.$transaction(
      async (tx) => {
        for (let index = start; index < Math.min(start + 100, events); index += 1) {
          await outbox.add(tx, partnerRegisteredV1, payload(index));
        }
      },
      { timeout: 60_000 },
    );
  }
  const metrics = new Registry();
  const relay = new OutboxRelay({ db: producerDb, js: env.js, logger, pollIntervalMs: 20 });
  const runner = new ConsumerRunner<SurveyTx>({
    service: "survey",
    namespace: env.ns,
    db: consumerDb,
    js: env.js,
    jsm: env.jsm,
    logger,
    metrics,
    batchSize: BATCH_SIZE,
  });
  runner.add(
    defineConsumer<SurveyTx, PartnerRegistered>({
      contract: partnerRegisteredV1,
      name: `bench-a${round}`,
      async handle(tx, event) {
        await tx.$executeRawUnsafe(
          "INSERT INTO bench_effect (event_id, partner_id) VALUES ($1, $2)",
          event.envelope.id,
          event.data.partnerId,
        );
      },
    }),
  );
  const consumed = metrics.getSingleMetric("tpx_events_consumed_total")!;
  const applied = async () => (await consumed.get()).values.find((v) => v.labels.outcome === "applied")?.value ?? 0;

  const clock = startClock();
  relay.start();
  await runner.start();
  await whenCount(applied, events, TIMEOUT_MS);
  const result = clock.stop(events);
  await Promise.all([runner.stop(), relay.stop()]);
  return result;
}

/**
 * B: the same envelopes published straight to JetStream (async, with Nats-Msg-Id), consumed by a durable pull
 * consumer that does one plain INSERT per message and acks after it. The clock stops at the last INSERT.
 */
async function rawRound(env: BenchEnvironment, pool: pg.Pool, round: number, events: number): Promise<RoundResult> {
  const stream = streamName(env.ns, "partner");
  const subject = `${env.ns}.partner.bench-raw.v1`;
  const durable = `raw-b${round}`;
  await env.jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: subject,
    max_ack_pending: 1000,
  });
  const bodies: CloudEvent[] = Array.from({ length: events }, (_, index) =>
    createEnvelope({
      source: "tpx/partner",
      type: partnerRegisteredV1.type,
      dataschema: partnerRegisteredV1.dataschema,
      data: partnerRegisteredV1.encode(payload(index)),
    }),
  );
  let inserted = 0;
  const messages = await (await env.js.consumers.get(stream, durable)).consume({ max_messages: 64 });
  const consuming = (async () => {
    for await (const message of messages) {
      const event = message.json<CloudEvent<{ partnerId: string }>>();
      await pool.query("INSERT INTO bench_effect (event_id, partner_id) VALUES ($1, $2)", [
        event.id,
        event.data.partnerId,
      ]);
      message.ack();
      inserted += 1;
    }
  })();

  const clock = startClock();
  // As many PubAcks outstanding as the relay has in one batch.
  for (let start = 0; start < events; start += 100) {
    await Promise.all(
      bodies.slice(start, start + 100).map((body) => env.js.publish(subject, JSON.stringify(body), { msgID: body.id })),
    );
  }
  await whenCount(() => inserted, events, TIMEOUT_MS);
  const result = clock.stop(events);
  await messages.close();
  await consuming;
  await env.jsm.consumers.delete(stream, durable);
  return result;
}

await main();
