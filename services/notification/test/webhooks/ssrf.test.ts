import { createEnvelope, partnerApprovedV1 } from "@tpx/contracts";
import t from "tap";
import { deliverDueWebhooks } from "../../src/usecases/deliver-webhooks.ts";
import { fanOutEvent } from "../../src/usecases/fan-out-event.ts";
import { safePost } from "../../src/webhooks/safe-post.ts";
import { startReceiver } from "../support/receiver.ts";
import { startNotification } from "../support/service.ts";
import { approved } from "../support/webhooks.ts";

t.test("webhook targets inside our network are refused", async (t) => {
  const receiver = await startReceiver(t, 200);
  const port = new URL(receiver.url).port;
  const n = await startNotification(t);
  const admin = await n.service.auth.headers({ role: "admin" });
  const create = (url: string) =>
    n.app.inject({ method: "POST", url: "/webhooks", headers: admin, payload: { url, eventTypes: ["partner.*"] } });

  t.test("when the subscription is created", async (t) => {
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      "http://10.0.0.8/hook",
      "http://10.255.1.1:8080/",
      "http://169.254.169.254/latest/meta-data/",
      "http://192.168.1.10/",
      "http://[::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://[fd00:ec2::254]/",
      "http://2130706433/hook",
      `http://localhost:${port}/hook`,
      "file:///etc/passwd",
      "http://user:pw@93.184.216.34/",
    ]) {
      const response = await create(url);
      t.equal(response.statusCode, 400, url);
      t.match(response.json(), { errors: [{ field: "url" }] }, url);
    }
    t.equal(receiver.received.length, 0);
    t.equal((await create("https://93.184.216.34/hook")).statusCode, 201, "a public address is accepted");
    const unknownType = await n.app.inject({
      method: "POST",
      url: "/webhooks",
      headers: admin,
      payload: { url: "https://93.184.216.34/", eventTypes: ["nonsense.*"] },
    });
    t.match(unknownType.json(), { errors: [{ field: "eventTypes" }] });
    const extra = await n.app.inject({
      method: "POST",
      url: "/webhooks",
      headers: admin,
      payload: { url: "https://93.184.216.34/", eventTypes: ["*"], ownerPartnerId: "x" },
    });
    t.equal(extra.statusCode, 400, "unknown fields are refused");
  });

  t.test("when delivering: a name that resolves to loopback is refused after DNS", async (t) => {
    // Stored directly, as if the name had pointed elsewhere when the subscription was made (DNS rebinding).
    await n.deps.db.webhookSubscription.create({
      data: {
        id: "0d9f4a2e-8c51-4c1e-9a55-3b0c0b7e5a11",
        url: `http://localhost:${port}/hook`,
        eventTypes: ["partner.*"],
        secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=",
        ownerUserId: "u1",
      },
    });
    const envelope = createEnvelope({
      source: "tpx/partner",
      type: partnerApprovedV1.type,
      dataschema: partnerApprovedV1.dataschema,
      data: partnerApprovedV1.encode(approved("6f1c2a9e-3b4d-4c5e-8f70-1122334455aa", "x")),
    });
    await n.deps.db.$transaction((tx) => fanOutEvent(tx, envelope, n.deps.now()));
    await deliverDueWebhooks(n.deps);
    const delivery = await n.deps.db.webhookDelivery.findFirstOrThrow({
      where: { subscriptionId: "0d9f4a2e-8c51-4c1e-9a55-3b0c0b7e5a11" },
    });
    t.match(delivery, {
      status: "pending",
      attempts: 1,
      lastStatus: null,
      lastError: /resolves to (127\.0\.0\.1|::1), an internal address/,
    });
    t.equal(receiver.received.length, 0, "no request reached the receiver");
  });

  t.test("the HTTP client refuses literal internal addresses and loopback names", async (t) => {
    for (const url of [receiver.url, receiver.url.replace("127.0.0.1", "localhost"), "http://169.254.169.254/"]) {
      const result = await safePost(url, "{}", {}, { timeoutMs: 2000, allowPrivate: false });
      t.equal(result.status, undefined, url);
      t.match(result.error, /internal address/, url);
    }
    t.equal(receiver.received.length, 0);
    const allowed = await safePost(receiver.url, "{}", {}, { timeoutMs: 2000, allowPrivate: true });
    t.equal(allowed.status, 200, "the development setting allows them");
  });
});
