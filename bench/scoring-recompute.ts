// Scoring recompute throughput (issue 5, target P3's scoring part): `--partners` × `--responses` `response.recorded`
// events through the real scoring service (responses stored → PCRs recomputed and committed → `pcr.updated`
// published by the outbox relay and received back from the stream), as a ratio of (B0) the raw JetStream consume
// rate and (B1) a raw DB+JetStream pipeline (consume + one pg INSERT per message) over the same messages, measured
// interleaved in one run. See bench/README.md.
//   npm run bench -- scoring-recompute [--partners 1000] [--responses 20] [--rounds 5]
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { AckPolicy, DeliverPolicy, type JsMsg } from "@nats-io/jetstream";
import {
  type CloudEvent,
  createEnvelope,
  durableName,
  pcrUpdatedV1,
  responseRecordedV1,
  streamName,
  subjectFor,
} from "@tpx/contracts";
import pg from "pg";
import { response, startScoring } from "../services/scoring/test/helper.ts";
import { Cleanup } from "./support/environment.ts";
import { median, summarize, whenCount } from "./support/stats.ts";

const { values: args } = parseArgs({
  options: {
    partners: { type: "string", default: "1000" },
    responses: { type: "string", default: "20" },
    rounds: { type: "string", default: "5" },
  },
  allowPositionals: true,
});
const PARTNERS = Number(args.partners);
const RESPONSES = Number(args.responses);
const ROUNDS = Number(args.rounds);
const WARMUP_PARTNERS = Math.min(PARTNERS, 100);
const TIMEOUT_MS = 30 * 60_000;
const RESPONSE_DURABLE = durableName("scoring", responseRecordedV1.type, responseRecordedV1.version);

type Scoring = Awaited<ReturnType<typeof startScoring>>;
type Variant = "B0" | "B1" | "A";

interface RoundResult {
  perSecond: number;
  /** CPU this process spent per response (PostgreSQL and NATS are not in it). */
  cpuPerEventUs: number;
}

function startClock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return {
    stop(events: number): RoundResult {
      const seconds = (performance.now() - wall) / 1000;
      const { user, system } = process.cpuUsage(cpu);
      return { perSecond: events / seconds, cpuPerEventUs: (user + system) / events };
    },
  };
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    // The real service: its consumers, use cases, outbox and relay, on a throwaway database and namespace.
    const service = await startScoring(cleanup);
    const rawPool = new pg.Pool({ connectionString: service.databaseUrl, max: 1 });
    cleanup.teardown(() => rawPool.end());
    await service.db.$executeRawUnsafe(
      "CREATE TABLE bench_effect (seq bigserial PRIMARY KEY, event_id text NOT NULL, partner_id text NOT NULL)",
    );
    const total = PARTNERS * RESPONSES;
    console.log(
      `scoring-recompute: ${ROUNDS} rounds of ${PARTNERS} partners × ${RESPONSES} responses = ${total} response.recorded`,
    );

    // One untimed round of each first: JIT, Prisma and the connection pools warm up.
    await resetRound(service);
    const warmup = await publishResponses(service, WARMUP_PARTNERS);
    for (const variant of ["B0", "B1", "A"] as const) await run(variant, service, rawPool, 0, warmup);

    const rates: Record<Variant, number[]> = { B0: [], B1: [], A: [] };
    const cpu: Record<Variant, number[]> = { B0: [], B1: [], A: [] };
    const ratios = { B0: [] as number[], B1: [] as number[] };
    for (let round = 1; round <= ROUNDS; round++) {
      await resetRound(service);
      const published = await publishResponses(service, PARTNERS);
      // Rotate the order so no variant always runs first (on a fresh stream) or last.
      const order = (["B0", "B1", "A"] as const).map((_, i, all) => all[(i + round) % all.length]!);
      const results = {} as Record<Variant, RoundResult>;
      for (const variant of order) results[variant] = await run(variant, service, rawPool, round, published);
      for (const variant of order) {
        rates[variant].push(results[variant].perSecond);
        cpu[variant].push(results[variant].cpuPerEventUs);
      }
      ratios.B0.push(results.A.perSecond / results.B0.perSecond);
      ratios.B1.push(results.A.perSecond / results.B1.perSecond);
      console.log(
        `round ${round} (${order.join(" ")}): ` +
          (["B0", "B1", "A"] as const)
            .map((v) => `${v} ${results[v].perSecond.toFixed(0)}/s (${results[v].cpuPerEventUs.toFixed(0)} µs CPU)`)
            .join(", ") +
          `; A/B0 ${ratios.B0.at(-1)!.toFixed(3)}, A/B1 ${ratios.B1.at(-1)!.toFixed(2)}`,
      );
    }
    const line = (variant: Variant, label: string) =>
      console.log(
        `${label}: median ${median(rates[variant]).toFixed(0)}/s (${Math.min(...rates[variant]).toFixed(0)}..${Math.max(...rates[variant]).toFixed(0)}), ${median(cpu[variant]).toFixed(0)} µs of this process's CPU per response`,
      );
    line("B0", "B0 raw consume (pull + ack)          ");
    line("B1", "B1 raw consume + one pg INSERT each  ");
    line("A", "A  scoring: stored, scored, published");
    console.log(`A/B0: ${summarize(ratios.B0, 3)}`);
    console.log(`A/B1 (target >= 0.7): ${summarize(ratios.B1)}`);
    console.log(
      `machine load (1, 5, 15 min): ${loadavg()
        .map((load) => load.toFixed(2))
        .join(", ")}`,
    );
  } finally {
    await cleanup.run();
  }
}

function run(variant: Variant, service: Scoring, pool: pg.Pool, round: number, published: number) {
  if (variant === "B0") return rawConsume(service, `bench-b0-${round}`, published, async () => {});
  if (variant === "B1") {
    return rawConsume(service, `bench-b1-${round}`, published, async (message) => {
      const event = message.json<CloudEvent<{ partnerId: string }>>();
      await pool.query("INSERT INTO bench_effect (event_id, partner_id) VALUES ($1, $2)", [
        event.id,
        event.data.partnerId,
      ]);
    });
  }
  return scoringPath(service, published);
}

/** Same starting point for every round: no consumers running, empty streams and tables. */
async function resetRound(service: Scoring): Promise<void> {
  const { platform } = service;
  await platform.consumers.stop();
  await platform.relay.stop();
  await platform.jsm.streams.purge(streamName(service.namespace, "survey"));
  await platform.jsm.streams.purge(streamName(service.namespace, "scoring"));
  await platform.jsm.consumers.delete(streamName(service.namespace, "survey"), RESPONSE_DURABLE).catch(() => false);
  await service.db.$executeRawUnsafe(
    `TRUNCATE feedback_response, category_score, score_record, quarter_summary, partner, outbox_event, processed_event,
       bench_effect`,
  );
}

/** Publishes every response, partners interleaved as a quarterly campaign's answers would be. */
async function publishResponses(service: Scoring, partnerCount: number): Promise<number> {
  const partners = Array.from({ length: partnerCount }, () => randomUUID());
  const subject = subjectFor(service.namespace, responseRecordedV1.type, responseRecordedV1.version);
  for (let round = 0; round < RESPONSES; round++) {
    const pending = partners.map((partnerId, index) => {
      const data = response(partnerId, "2026-Q4", [(index + round) % 11, (index * 7 + round) % 11], {
        nps: (index + round * 3) % 11,
        ...(round % 4 === 0 ? { comment: "Responsive team, clear communication." } : {}),
      });
      const envelope = createEnvelope({
        source: "tpx/survey",
        type: responseRecordedV1.type,
        dataschema: responseRecordedV1.dataschema,
        data: responseRecordedV1.encode(data),
      });
      return service.platform.js.publish(subject, JSON.stringify(envelope), { msgID: envelope.id });
    });
    await Promise.all(pending);
  }
  return partnerCount * RESPONSES;
}

/** B0 / B1: a durable pull consumer over the same messages that runs `work` on each and acks after it. */
async function rawConsume(
  service: Scoring,
  name: string,
  total: number,
  work: (message: JsMsg) => Promise<void>,
): Promise<RoundResult> {
  const { jsm, js } = service.platform;
  const stream = streamName(service.namespace, "survey");
  await jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: subjectFor(service.namespace, responseRecordedV1.type, responseRecordedV1.version),
    max_ack_pending: 256,
  });
  const consumer = await js.consumers.get(stream, name);
  const clock = startClock();
  let acked = 0;
  const messages = await consumer.consume({ max_messages: 64 });
  for await (const message of messages) {
    await work(message);
    message.ack();
    if (++acked === total) break;
  }
  const result = clock.stop(total);
  await jsm.consumers.delete(stream, name);
  return result;
}

/**
 * A: the scoring service's own consumer runner and outbox relay, started on the backlog; the clock stops when the
 * last `pcr.updated` comes back from the scoring stream (an ordered consumer counting them).
 */
async function scoringPath(service: Scoring, published: number): Promise<RoundResult> {
  const { platform } = service;
  const updates = await platform.js.consumers.get(streamName(service.namespace, "scoring"), {
    filter_subjects: subjectFor(service.namespace, pcrUpdatedV1.type, pcrUpdatedV1.version),
  });
  let received = 0;
  const messages = await updates.consume({
    callback: () => {
      received += 1;
    },
  });
  const clock = startClock();
  platform.relay.start();
  await platform.consumers.start();
  await whenCount(() => received, published, TIMEOUT_MS);
  const result = clock.stop(published);
  await messages.close();
  await platform.consumers.stop();
  await platform.relay.stop();
  const [row] = await service.db.$queryRawUnsafe<{ n: bigint }[]>("SELECT count(*) AS n FROM score_record");
  if (Number(row?.n) !== published) throw new Error(`expected ${published} scores, found ${row?.n}`);
  return result;
}

await main();
