import { fileURLToPath } from "node:url";
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { type CloudEvent, partnerRegisteredV1, streamName, timestampNow } from "@tpx/contracts";
import { createTestDatabase, type TeardownRegistry, testNamespace } from "@tpx/testing";
import { Registry } from "prom-client";
import { createDb as createPartnerDb, type Db as PartnerDb } from "../../../../services/partner/src/db.ts";
import {
  createDb as createSurveyDb,
  type Db as SurveyDb,
  type Tx as SurveyTx,
} from "../../../../services/survey/src/db.ts";
import {
  ConsumerRunner,
  type ConsumerRunnerOptions,
  DeadLetters,
  defineConsumer,
  ensureStreams,
  Outbox,
  OutboxRelay,
  type OutboxRelayOptions,
} from "../../src/index.ts";
import { CREATE_EFFECT_TABLE, type Handler, type PartnerRegistered, recordEffect, testLogger } from "./effect.ts";

export { type Handler, type PartnerRegistered, recordEffect, testLogger } from "./effect.ts";
export type { PartnerDb, SurveyDb, SurveyTx };

/**
 * How long a test waits for the pipeline to settle. Generous on purpose: waits end as soon as the condition holds,
 * and this machine is shared with other suites that can slow everything down several times over.
 */
export const SETTLE_MS = 30_000;

export const PARTNER_MIGRATIONS = fileURLToPath(
  new URL("../../../../services/partner/prisma/migrations", import.meta.url),
);
export const SURVEY_MIGRATIONS = fileURLToPath(
  new URL("../../../../services/survey/prisma/migrations", import.meta.url),
);

export interface PipelineOptions {
  /** NATS server to use; the shared one by default. */
  natsUrl?: string;
}

/**
 * One producer (the partner service's real database and Prisma client, writing through the outbox) and one consumer
 * (the survey service's real database and client, with an effect table), connected through a private namespace.
 * Relays, runners and dead-letter stores made here are stopped on teardown before their connections close.
 */
export interface Pipeline {
  ns: string;
  stream: string;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  producerDb: PartnerDb;
  consumerDb: SurveyDb;
  consumerDbUrl: string;
  outbox: Outbox;
  /** Commits one partner.registered event through the producer's outbox and returns its envelope. */
  writeEvent(partnerId?: string): Promise<CloudEvent>;
  relay(options?: Partial<OutboxRelayOptions>): OutboxRelay;
  runner(options?: Partial<ConsumerRunnerOptions<SurveyTx>> & { handle?: Handler }): ConsumerRunner<SurveyTx>;
  deadLetters(runner: ConsumerRunner<SurveyTx>): DeadLetters<SurveyTx>;
  /** How many times each event id was applied by the consumer. */
  effects(): Promise<Map<string, number>>;
  unsentCount(): Promise<number>;
  /** Resolves when the consumer has received and acknowledged everything in the stream. */
  consumerCaughtUp(durable: string): Promise<boolean>;
}

export async function openPipeline(t: TeardownRegistry, options: PipelineOptions = {}): Promise<Pipeline> {
  const natsUrl = options.natsUrl ?? process.env.NATS_URL ?? "nats://127.0.0.1:4222";
  const producer = await createTestDatabase(t, { migrationsDir: PARTNER_MIGRATIONS, name: "msg_partner" });
  const consumer = await createTestDatabase(t, { migrationsDir: SURVEY_MIGRATIONS, name: "msg_survey" });
  const producerDb = createPartnerDb(producer.url, 4);
  const consumerDb = createSurveyDb(consumer.url, 4);
  t.teardown(() => Promise.all([producerDb.$disconnect(), consumerDb.$disconnect()]));
  await consumerDb.$executeRawUnsafe(CREATE_EFFECT_TABLE);

  const ns = testNamespace(t, { natsUrl });
  const nc = await connect({ servers: natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  t.teardown(() => nc.close());
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await ensureStreams(jsm, ns);

  const stoppers: (() => Promise<void>)[] = [];
  t.teardown(() => Promise.all(stoppers.splice(0).map((stop) => stop())));
  const outbox = new Outbox({ service: "partner", namespace: ns });

  return {
    ns,
    stream: streamName(ns, "partner"),
    nc,
    js,
    jsm,
    producerDb,
    consumerDb,
    consumerDbUrl: consumer.url,
    outbox,
    async writeEvent(partnerId = `p-${Math.random().toString(36).slice(2, 10)}`) {
      return producerDb.$transaction((tx) =>
        outbox.add(
          tx,
          partnerRegisteredV1,
          partnerRegisteredV1.create({
            partnerId,
            slug: "acme-co",
            companyName: "Acme Co",
            registeredAt: timestampNow(),
          }),
          { subject: partnerId },
        ),
      );
    },
    relay(relayOptions = {}) {
      const relay = new OutboxRelay({
        db: producerDb,
        js,
        logger: testLogger("partner"),
        pollIntervalMs: 50,
        ...relayOptions,
      });
      stoppers.push(() => relay.stop());
      return relay;
    },
    runner(runnerOptions = {}) {
      const { handle = recordEffect, ...rest } = runnerOptions;
      const runner = new ConsumerRunner<SurveyTx>({
        service: "survey",
        namespace: ns,
        db: consumerDb,
        js,
        jsm,
        logger: testLogger("survey"),
        metrics: new Registry(),
        ...rest,
      });
      runner.add(defineConsumer<SurveyTx, PartnerRegistered>({ contract: partnerRegisteredV1, handle }));
      stoppers.push(() => runner.stop());
      return runner;
    },
    deadLetters(runner) {
      const deadLetters = new DeadLetters<SurveyTx>({
        service: "survey",
        namespace: ns,
        db: consumerDb,
        js,
        jsm,
        logger: testLogger("survey"),
        runner,
      });
      stoppers.push(() => deadLetters.stop());
      return deadLetters;
    },
    async effects() {
      const rows = await consumerDb.$queryRawUnsafe<{ event_id: string; n: number }[]>(
        "SELECT event_id, count(*)::int AS n FROM test_effect GROUP BY event_id",
      );
      return new Map(rows.map((row) => [row.event_id, row.n]));
    },
    async unsentCount() {
      const [row] = await producerDb.$queryRawUnsafe<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM outbox_event WHERE sent_at IS NULL",
      );
      return row?.n ?? -1;
    },
    async consumerCaughtUp(durable) {
      const [stream, info] = await Promise.all([
        jsm.streams.info(streamName(ns, "partner")),
        jsm.consumers.info(streamName(ns, "partner"), durable),
      ]);
      return (
        info.num_pending === 0 && info.num_ack_pending === 0 && info.ack_floor.stream_seq === stream.state.last_seq
      );
    },
  };
}
