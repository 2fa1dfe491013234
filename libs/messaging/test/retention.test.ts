// Sent outbox rows and inbox rows are deleted once past their retention, a batch at a time, so neither table grows
// forever. What the pipeline still needs is never touched: unsent rows, parked rows, recent rows.

import { defineConfig, platformVariables } from "@tpx/service-kit";
import { createTestService, waitFor } from "@tpx/testing";
import { Registry } from "prom-client";
import t from "tap";
import { createDb, disconnectDb } from "../../../services/partner/src/db.ts";
import { PeriodicPruner, pruneSentOutboxRows } from "../src/retention.ts";
import { openPipeline, PARTNER_MIGRATIONS, type Pipeline, SETTLE_MS, testLogger } from "./support/pipeline.ts";

type Age = "old" | "recent";
type State = "sent" | "unsent" | "parked";

/** Inserts `count` outbox rows; "old" means written 10 days ago and, when sent or parked, sent/parked 8 days ago. */
async function insertOutboxRows(p: Pipeline, count: number, state: State, age: Age): Promise<void> {
  const ago = age === "old" ? "8 days" : "1 hour";
  await p.producerDb.$executeRawUnsafe(
    `INSERT INTO outbox_event (id, subject, type, payload, created_at, sent_at, parked_at)
     SELECT gen_random_uuid(), 'x.partner.registered.v1', '${state}-${age}', '{}',
            now() - interval '10 days' + make_interval(secs => n),
            CASE WHEN $2 = 'sent' THEN now() - $3::interval END,
            CASE WHEN $2 = 'parked' THEN now() - $3::interval END
     FROM generate_series(1, $1::int) AS n`,
    count,
    state,
    ago,
  );
}

async function outboxCounts(p: Pipeline): Promise<Record<string, number>> {
  const rows = await p.producerDb.$queryRawUnsafe<{ type: string; n: number }[]>(
    "SELECT type, count(*)::int AS n FROM outbox_event GROUP BY type ORDER BY type",
  );
  return Object.fromEntries(rows.map((row) => [row.type, row.n]));
}

const KEPT = { "parked-old": 3, "sent-recent": 4, "unsent-old": 5, "unsent-recent": 6 };

async function insertKeptRows(p: Pipeline): Promise<void> {
  await insertOutboxRows(p, 3, "parked", "old");
  await insertOutboxRows(p, 4, "sent", "recent");
  await insertOutboxRows(p, 5, "unsent", "old");
  await insertOutboxRows(p, 6, "unsent", "recent");
}

t.test(
  "the relay deletes sent rows past the retention, in batches, and keeps unsent, parked and recent rows",
  async (t) => {
    const p = await openPipeline(t);
    await insertOutboxRows(p, 2_500, "sent", "old");
    await insertKeptRows(p);

    const metrics = new Registry();
    const relay = p.relay({ retentionHours: 7 * 24, metrics });
    t.equal(await relay.pruneSent(), 2_500, "three statements of at most 1,000 rows took all old sent rows");
    t.same(await outboxCounts(p), KEPT);
    t.equal((await metrics.getSingleMetric("tpx_outbox_pruned_total")?.get())?.values[0]?.value, 2_500);
    t.equal(await relay.pruneSent(), 0, "nothing left to prune");

    t.equal(await p.relay({ retentionHours: 24 * 9 }).pruneSent(), 0, "a longer retention keeps 8-day-old rows");
    t.equal(await p.relay().pruneSent(), 0, "no retention: the relay deletes nothing");
  },
);

t.test("a running relay prunes on its own, every pruneIntervalMs", async (t) => {
  const p = await openPipeline(t);
  await insertOutboxRows(p, 20, "sent", "old");
  await insertKeptRows(p);
  const relay = p.relay({ retentionHours: 7 * 24, pruneIntervalMs: 50 });
  relay.start();
  await waitFor(async () => !("sent-old" in (await outboxCounts(p))), {
    timeoutMs: SETTLE_MS,
    description: "old sent rows pruned",
  });
  await relay.stop();
  // Meanwhile the relay tried to publish the unsent rows: no stream captures their subject, so none was sent.
  const counts = await outboxCounts(p);
  t.same(Object.keys(counts).sort(), Object.keys(KEPT).sort(), "only the expired sent rows are gone");
});

t.test("two pruners at once share the work without errors", async (t) => {
  const p = await openPipeline(t);
  await insertOutboxRows(p, 5_000, "sent", "old");
  await insertKeptRows(p);
  const pruner = () =>
    new PeriodicPruner({
      table: "outbox_event",
      pruneBatch: (limit) => pruneSentOutboxRows(p.producerDb, 7 * 24, limit),
      logger: testLogger("partner"),
      batchSize: 100,
    });
  const [first, second] = await Promise.all([pruner().pruneNow(), pruner().pruneNow()]);
  t.equal(first + second, 5_000, "every expired row deleted exactly once");
  t.ok(first > 0 && second > 0, `both took a share (${first} + ${second})`);
  t.same(await outboxCounts(p), KEPT);
});

t.test("the consumer runner deletes inbox rows past their retention and keeps recent ones", async (t) => {
  const p = await openPipeline(t);
  await p.consumerDb.$executeRawUnsafe(
    `INSERT INTO processed_event (consumer, event_id, processed_at)
     SELECT 'survey__c', 'old-' || n, now() - interval '91 days' FROM generate_series(1, 1200) AS n
     UNION ALL
     SELECT 'survey__c', 'recent-' || n, now() - interval '89 days' FROM generate_series(1, 7) AS n`,
  );
  const metrics = new Registry();
  const runner = p.runner({ inboxRetentionDays: 90, metrics });
  t.equal(await runner.pruneInbox(), 1_200);
  const rows = await p.consumerDb.$queryRawUnsafe<{ event_id: string }[]>(
    "SELECT event_id FROM processed_event ORDER BY event_id",
  );
  t.same(
    rows.map((row) => row.event_id),
    Array.from({ length: 7 }, (_, index) => `recent-${index + 1}`),
  );
  t.equal((await metrics.getSingleMetric("tpx_inbox_pruned_total")?.get())?.values[0]?.value, 1_200);
  t.equal(await p.runner().pruneInbox(), 0, "no retention: the runner deletes nothing");
});

t.test("a service platform prunes with OUTBOX_RETENTION_HOURS and INBOX_RETENTION_DAYS", async (t) => {
  const { platform } = await createTestService(t, {
    service: "partner",
    migrationsDir: PARTNER_MIGRATIONS,
    createDb,
    disconnectDb,
    env: { OUTBOX_RETENTION_HOURS: "2", INBOX_RETENTION_DAYS: "40" },
  });
  await platform.db.$executeRawUnsafe(
    `INSERT INTO outbox_event (id, subject, type, payload, sent_at) VALUES
       (gen_random_uuid(), 's', 'expired', '{}', now() - interval '3 hours'),
       (gen_random_uuid(), 's', 'kept', '{}', now() - interval '1 hour')`,
  );
  await platform.db.$executeRawUnsafe(
    `INSERT INTO processed_event (consumer, event_id, processed_at) VALUES
       ('c', 'expired', now() - interval '41 days'), ('c', 'kept', now() - interval '39 days')`,
  );
  t.equal(await platform.relay.pruneSent(), 1);
  t.equal(await platform.consumers.pruneInbox(), 1);
  const outbox = await platform.db.$queryRawUnsafe<{ type: string }[]>("SELECT type FROM outbox_event");
  const inbox = await platform.db.$queryRawUnsafe<{ event_id: string }[]>("SELECT event_id FROM processed_event");
  t.same([outbox.map((row) => row.type), inbox.map((row) => row.event_id)], [["kept"], ["kept"]]);
});

t.test("the retentions are bounded so the inbox always outlives what could be re-published", async (t) => {
  const spec = defineConfig(platformVariables({ defaultPort: 0 }));
  const load = (env: Record<string, string>) => spec.load({ DATABASE_URL: "postgres://localhost/x", ...env });
  t.match(load({}), { OUTBOX_RETENTION_HOURS: 168, INBOX_RETENTION_DAYS: 90 }, "7 days and 90 days by default");
  t.throws(() => load({ OUTBOX_RETENTION_HOURS: "0" }), /OUTBOX_RETENTION_HOURS must be at least 1/);
  t.throws(() => load({ OUTBOX_RETENTION_HOURS: "721" }), /OUTBOX_RETENTION_HOURS must be at most 720/);
  t.throws(() => load({ INBOX_RETENTION_DAYS: "34" }), /INBOX_RETENTION_DAYS must be at least 35/);
});
