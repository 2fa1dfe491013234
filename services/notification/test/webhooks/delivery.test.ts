import { partnerApprovedV1 } from "@tpx/contracts";
import { Webhook } from "standardwebhooks";
import t from "tap";
import { startDispatcher } from "../../src/jobs/dispatcher.ts";
import { startReceiver } from "../support/receiver.ts";
import { eventually, outboxEvents, startNotification } from "../support/service.ts";
import { approved, approvedFanout } from "../support/webhooks.ts";

const PARTNER_A = "6f1c2a9e-3b4d-4c5e-8f70-1122334455aa";
const PARTNER_B = "6f1c2a9e-3b4d-4c5e-8f70-1122334455bb";

t.test("webhook delivery", async (t) => {
  const receiver = await startReceiver(t, 503);
  const partnerReceiver = await startReceiver(t, 200);
  const n = await startNotification(t, {
    env: {
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      WEBHOOK_RETRY_SCHEDULE_MS: "0,100,200,300,300,300,300,300,300,300,300,300",
    },
    consumers: approvedFanout,
  });
  const admin = await n.service.auth.headers({ role: "admin" });
  const partnerA = await n.service.auth.headers({ role: "partner", partnerId: PARTNER_A });
  const create = async (headers: Record<string, string>, url: string, eventTypes: string[]) => {
    const response = await n.app.inject({ method: "POST", url: "/webhooks", headers, payload: { url, eventTypes } });
    t.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; secret: string };
  };
  const adminHook = await create(admin, receiver.url, ["partner.*"]);
  const partnerHook = await create(partnerA, partnerReceiver.url, ["*"]);
  t.match(adminHook.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, "a 32-byte Standard Webhooks secret");
  await n.service.startBackground();
  const dispatcher = startDispatcher(n.deps);
  t.teardown(() => dispatcher.stop());

  // Five events while the admin's endpoint answers 503; it recovers after a while.
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const partner = i === 2 ? PARTNER_A : PARTNER_B;
    ids.push((await n.publish(partnerApprovedV1, approved(partner, `p-${i}`))).id);
  }
  await eventually(() => receiver.received.length >= 4, { description: "several failed attempts" });
  receiver.state.status = 200;
  await eventually(
    () =>
      n.deps.db.webhookDelivery
        .count({ where: { subscriptionId: adminHook.id, status: "delivered" } })
        .then((c) => c === 5),
    { timeoutMs: 30_000, description: "all five delivered" },
  );

  t.test("the endpoint that was down gets every event, in order, once accepted", async (t) => {
    const accepted = receiver.received.filter((_, index) => index >= receiver.received.length - 5);
    t.same(
      accepted.map((request) => request.headers["webhook-id"]),
      ids,
      "after recovery the five events arrive in publication order",
    );
    const failedFirst = receiver.received.slice(0, -5);
    t.ok(
      failedFirst.every((request) => request.headers["webhook-id"] === ids[0]),
      "only the head was retried while down",
    );
  });

  t.test("every request verifies with the Standard Webhooks reference library", async (t) => {
    const verifier = new Webhook(adminHook.secret);
    for (const request of receiver.received) {
      const headers = {
        "webhook-id": String(request.headers["webhook-id"]),
        "webhook-timestamp": String(request.headers["webhook-timestamp"]),
        "webhook-signature": String(request.headers["webhook-signature"]),
      };
      const event = verifier.verify(request.body, headers) as { id: string; type: string };
      t.equal(event.id, headers["webhook-id"]);
      t.equal(event.type, "partner.approved");
    }
    const tampered = receiver.received[0]!;
    t.throws(() =>
      verifier.verify(tampered.body.replace("p-0", "p-9"), {
        "webhook-id": String(tampered.headers["webhook-id"]),
        "webhook-timestamp": String(tampered.headers["webhook-timestamp"]),
        "webhook-signature": String(tampered.headers["webhook-signature"]),
      }),
    );
    t.throws(() => new Webhook(partnerHook.secret).verify(tampered.body, tampered.headers as Record<string, string>));
  });

  t.test("a partner's endpoint only receives events about that partner", async (t) => {
    await eventually(() => partnerReceiver.received.length === 1);
    t.equal(partnerReceiver.received[0]!.headers["webhook-id"], ids[2]);
    t.equal(await n.deps.db.webhookDelivery.count({ where: { subscriptionId: partnerHook.id } }), 1);
  });

  t.test("the delivery log shows each attempt with its status code and latency", async (t) => {
    const log = await n.app.inject({ url: `/webhooks/${adminHook.id}/deliveries?limit=10`, headers: admin });
    t.equal(log.statusCode, 200);
    const items = log.json().items as {
      eventId: string;
      attempts: number;
      attemptLog: { responseStatus: number; durationMs: number }[];
    }[];
    const first = items.find((item) => item.eventId === ids[0])!;
    t.ok(first.attempts >= 2);
    t.equal(first.attemptLog.length, first.attempts);
    t.equal(first.attemptLog[0]!.responseStatus, 503);
    t.equal(first.attemptLog.at(-1)!.responseStatus, 200);
    t.ok(first.attemptLog.every((attempt) => Number.isInteger(attempt.durationMs) && attempt.durationMs >= 0));
    const events = await outboxEvents(n.deps, "webhook.delivered");
    t.equal(events.filter((event) => event.data.subscriptionId === adminHook.id).length, 5);
    const failures = await outboxEvents(n.deps, "webhook.failed");
    t.ok(failures.length >= 1);
    t.match(failures[0]!.data, { responseStatus: 503, permanent: false, eventId: ids[0] });
  });

  t.test("another partner can neither see nor touch the endpoint", async (t) => {
    const partnerB = await n.service.auth.headers({ role: "partner", partnerId: PARTNER_B });
    for (const [method, url] of [
      ["GET", `/webhooks/${partnerHook.id}`],
      ["GET", `/webhooks/${partnerHook.id}/secret`],
      ["GET", `/webhooks/${partnerHook.id}/deliveries`],
      ["POST", `/webhooks/${partnerHook.id}/test`],
      ["DELETE", `/webhooks/${partnerHook.id}`],
    ] as const) {
      t.equal((await n.app.inject({ method, url, headers: partnerB })).statusCode, 404, `${method} ${url}`);
    }
    const list = await n.app.inject({ url: "/webhooks", headers: partnerB });
    t.same(list.json().items, []);
    const contractor = await n.service.auth.headers({ role: "contractor", contractorId: "c1" });
    t.equal((await n.app.inject({ url: "/webhooks", headers: contractor })).statusCode, 403);
  });

  t.test("a test ping and a manual redelivery go out again with the same webhook-id", async (t) => {
    const before = partnerReceiver.received.length;
    const ping = await n.app.inject({ method: "POST", url: `/webhooks/${partnerHook.id}/test`, headers: partnerA });
    t.equal(ping.statusCode, 202);
    await eventually(() => partnerReceiver.received.length === before + 1);
    t.match(JSON.parse(partnerReceiver.received.at(-1)!.body), { type: "webhook.test" });
    const [delivery] = (
      await n.app.inject({ url: `/webhooks/${partnerHook.id}/deliveries?status=delivered`, headers: partnerA })
    ).json().items;
    const redeliver = await n.app.inject({
      method: "POST",
      url: `/webhooks/${partnerHook.id}/deliveries/${delivery.id}/redeliver`,
      headers: partnerA,
    });
    t.equal(redeliver.statusCode, 202);
    await eventually(() => partnerReceiver.received.length === before + 2);
    t.equal(partnerReceiver.received.at(-1)!.headers["webhook-id"], delivery.eventId);
  });
});
