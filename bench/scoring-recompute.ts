// Scoring recompute throughput: 1,000 partners × 20 `response.recorded` events, consumed by the scoring service
// (response stored → PCR recomputed and committed → `pcr.updated` published by the outbox relay), as a ratio of the
// raw JetStream consume rate (pull + ack, no work) of the same messages, measured side by side in one run.
//   npm run bench -- scoring-recompute [--partners 1000] [--responses 20]
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { AckPolicy, DeliverPolicy } from "@nats-io/jetstream";
import { createEnvelope, responseRecordedV1, streamName, subjectFor } from "@tpx/contracts";
import { response, startScoring } from "../services/scoring/test/helper.ts";
import { Cleanup } from "./support/environment.ts";
import { whenCount } from "./support/stats.ts";

const { values: args } = parseArgs({
  options: { partners: { type: "string", default: "1000" }, responses: { type: "string", default: "20" } },
  allowPositionals: true,
});
const PARTNERS = Number(args.partners);
const RESPONSES = Number(args.responses);
const TOTAL = PARTNERS * RESPONSES;
const TIMEOUT_MS = 30 * 60_000;

type Scoring = Awaited<ReturnType<typeof startScoring>>;

/** Publishes every response, partners interleaved as a quarterly campaign's answers would be. */
async function publishResponses(service: Scoring): Promise<void> {
  const partners = Array.from({ length: PARTNERS }, () => randomUUID());
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
}

/** Raw consume rate: a durable pull consumer that only acks, over the same messages. */
async function rawConsumeRate(service: Scoring, name: string): Promise<number> {
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
  const started = performance.now();
  let acked = 0;
  const messages = await consumer.consume({ max_messages: 64 });
  for await (const message of messages) {
    message.ack();
    if (++acked === TOTAL) break;
  }
  const seconds = (performance.now() - started) / 1000;
  await jsm.consumers.delete(stream, name);
  return TOTAL / seconds;
}

async function count(service: Scoring, sql: string): Promise<number> {
  const [row] = await service.db.$queryRawUnsafe<{ n: bigint }[]>(sql);
  return Number(row?.n ?? 0);
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    // The real service: its consumers, use cases, outbox and relay, on a throwaway database and namespace.
    const service = await startScoring(cleanup);
    console.log(`scoring-recompute: ${PARTNERS} partners × ${RESPONSES} responses = ${TOTAL} response.recorded`);
    await publishResponses(service);

    const rawBefore = await rawConsumeRate(service, "bench_raw_1");
    const started = performance.now();
    await service.startBackground();
    await whenCount(() => count(service, "SELECT count(*) AS n FROM score_record"), TOTAL, TIMEOUT_MS);
    const committed = (performance.now() - started) / 1000;
    const published = "SELECT count(*) AS n FROM outbox_event WHERE type = 'pcr.updated' AND sent_at IS NOT NULL";
    await whenCount(() => count(service, published), TOTAL, TIMEOUT_MS);
    const seconds = (performance.now() - started) / 1000;
    const rawAfter = await rawConsumeRate(service, "bench_raw_2");

    const raw = (rawBefore + rawAfter) / 2;
    const scoring = TOTAL / seconds;
    console.log(
      `raw consume (pull + ack):           ${raw.toFixed(0)} msg/s (before ${rawBefore.toFixed(0)}, after ${rawAfter.toFixed(0)})`,
    );
    console.log(
      `scores committed:                   ${(TOTAL / committed).toFixed(0)} responses/s (${committed.toFixed(1)} s)`,
    );
    console.log(`consumed → committed → published:   ${scoring.toFixed(0)} responses/s (${seconds.toFixed(1)} s)`);
    console.log(`ratio to raw consume:               ${(scoring / raw).toFixed(3)}`);
    const scored = await count(service, "SELECT count(*) AS n FROM partner WHERE pcr_status = 'scored'");
    console.log(`partners scored: ${scored} of ${PARTNERS}; pcr.updated published: ${await count(service, published)}`);
  } finally {
    await cleanup.run();
  }
}

await main();
