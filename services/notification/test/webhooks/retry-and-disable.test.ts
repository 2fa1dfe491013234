import { createEnvelope, partnerApprovedV1 } from "@tpx/contracts";
import t from "tap";
import { deliverDueWebhooks } from "../../src/usecases/deliver-webhooks.ts";
import { fanOutEvent } from "../../src/usecases/fan-out-event.ts";
import { startReceiver } from "../support/receiver.ts";
import {
  manualClock,
  type NotificationTest,
  outboxEvents,
  startNotification,
  type Teardown,
} from "../support/service.ts";
import { approved } from "../support/webhooks.ts";

const ADMIN_ID = "a0000000-0000-4000-8000-00000000000a";
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Queues a partner.approved event for every matching endpoint, as the fan-out consumer does. */
async function queueEvent(n: NotificationTest, slug: string): Promise<string> {
  const envelope = createEnvelope({
    source: "tpx/partner",
    type: partnerApprovedV1.type,
    dataschema: partnerApprovedV1.dataschema,
    data: partnerApprovedV1.encode(approved("6f1c2a9e-3b4d-4c5e-8f70-1122334455aa", slug)),
  });
  await n.deps.db.$transaction((tx) => fanOutEvent(tx, envelope, n.deps.now()));
  return envelope.id;
}

async function setup(t: Teardown, status: number) {
  const receiver = await startReceiver(t, status);
  const clock = manualClock(new Date("2026-11-26T00:00:00Z"));
  const n = await startNotification(t, {
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" },
    now: clock.now,
    random: () => 0.5,
  });
  await n.deps.db.contact.create({ data: { userId: ADMIN_ID, email: "ops@tpx.example", displayName: "Ops" } });
  const admin = await n.service.auth.headers({ role: "admin", userId: ADMIN_ID });
  const created = await n.app.inject({
    method: "POST",
    url: "/webhooks",
    headers: admin,
    payload: { url: receiver.url, eventTypes: ["partner.approved"] },
  });
  return { receiver, clock, n, admin, hook: created.json() as { id: string } };
}

t.test("the Svix retry schedule, on a clock the test moves", async (t) => {
  const { receiver, clock, n, hook } = await setup(t, 500);
  const start = clock.now().getTime();
  await queueEvent(n, "first");
  const attemptTimes: number[] = [];
  for (let i = 0; i < 12; i++) {
    const attempted = await deliverDueWebhooks(n.deps);
    if (attempted) attemptTimes.push(clock.now().getTime() - start);
    const delivery = await n.deps.db.webhookDelivery.findFirstOrThrow();
    if (delivery.status !== "pending") break;
    clock.set(new Date(delivery.nextAttemptAt.getTime() - 1));
    t.equal(await deliverDueWebhooks(n.deps), 0, "nothing is attempted a millisecond early");
    clock.advance(1);
  }
  // Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each previous failure (jitter pinned to 0).
  const gaps = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
  t.same(
    attemptTimes,
    gaps.map((_, i) => gaps.slice(0, i + 1).reduce((a, b) => a + b, 0)),
  );
  t.equal(receiver.received.length, 8);
  const delivery = await n.deps.db.webhookDelivery.findFirstOrThrow();
  t.match(delivery, { status: "failed", attempts: 8, lastStatus: 500 });
  const failed = await outboxEvents(n.deps, "webhook.failed");
  t.equal(failed.length, 8);
  t.same(
    failed.map((event) => event.data.permanent ?? false),
    [false, false, false, false, false, false, false, true],
  );
  t.match(await n.deps.db.webhookSubscription.findUniqueOrThrow({ where: { id: hook.id } }), { enabled: true });

  t.test("sustained failure for five days disables the endpoint and notifies its owner", async (t) => {
    clock.set(new Date(start + 4 * 24 * HOUR));
    await queueEvent(n, "second");
    await deliverDueWebhooks(n.deps);
    t.match(await n.deps.db.webhookSubscription.findUniqueOrThrow({ where: { id: hook.id } }), { enabled: true });
    const pending = await n.deps.db.webhookDelivery.findFirstOrThrow({ where: { status: "pending" } });
    clock.set(new Date(Math.max(pending.nextAttemptAt.getTime(), start + 5 * 24 * HOUR)));
    await deliverDueWebhooks(n.deps);
    const subscription = await n.deps.db.webhookSubscription.findUniqueOrThrow({ where: { id: hook.id } });
    t.match(subscription, {
      enabled: false,
      disabledReason: /every delivery attempt failed since 2026-11-26T00:00:00/,
    });
    t.match(await n.deps.db.message.findMany(), [
      { template: "webhook_disabled", recipient: "ops@tpx.example", channel: "email", status: "queued" },
    ]);
    const before = receiver.received.length;
    clock.advance(30 * HOUR);
    await deliverDueWebhooks(n.deps);
    t.equal(receiver.received.length, before, "a disabled endpoint gets nothing");
  });
});

t.test("410 Gone", async (t) => {
  const { receiver, clock, n, admin, hook } = await setup(t, 410);
  const first = await queueEvent(n, "a");
  const second = await queueEvent(n, "b");

  t.test("disables the endpoint at once and tells the owner", async (t) => {
    await deliverDueWebhooks(n.deps);
    t.equal(receiver.received.length, 1);
    t.match(await n.deps.db.webhookSubscription.findUniqueOrThrow({ where: { id: hook.id } }), {
      enabled: false,
      disabledReason: "the endpoint answered 410 Gone",
    });
    t.match(await outboxEvents(n.deps, "webhook.failed"), [
      { data: { responseStatus: 410, permanent: true, eventId: first } },
    ]);
    t.equal(await n.deps.db.message.count({ where: { template: "webhook_disabled" } }), 1);
    clock.advance(HOUR);
    await deliverDueWebhooks(n.deps);
    t.equal(receiver.received.length, 1);
  });

  t.test("enabled again, it receives what was waiting, in order", async (t) => {
    receiver.state.status = 204;
    const patch = await n.app.inject({
      method: "PATCH",
      url: `/webhooks/${hook.id}`,
      headers: admin,
      payload: { enabled: true },
    });
    t.equal(patch.statusCode, 200);
    t.match(patch.json(), { enabled: true, disabledReason: null });
    await deliverDueWebhooks(n.deps);
    t.same(
      receiver.received.slice(1).map((request) => request.headers["webhook-id"]),
      [first, second],
    );
  });
});

t.test("a redirect is a failed attempt, never followed", async (t) => {
  const target = await startReceiver(t, 200);
  const { receiver, n } = await setup(t, 302);
  receiver.state.location = target.url;
  await queueEvent(n, "r");
  await deliverDueWebhooks(n.deps);
  t.match(await n.deps.db.webhookDelivery.findFirstOrThrow(), { status: "pending", lastStatus: 302, attempts: 1 });
  t.equal(target.received.length, 0);
});
