import { createHmac } from "node:crypto";
import { Channel, surveyInvitationRequestedV1 } from "@tpx/contracts";
import t from "tap";
import { messageConsumers } from "../../src/consumers/message-consumers.ts";
import { dispatchDueMessages } from "../../src/usecases/dispatch-due-messages.ts";
import { invitation } from "../support/events.ts";
import { eventually, manualClock, outboxEvents, startNotification } from "../support/service.ts";
import { startTwilioApi } from "../support/twilio.ts";

const PUBLIC = "https://tpx.example/api/notification/";
const TOKEN = "twilio-test-token";

/** Twilio's signature, written here from Twilio's description, independent of the service's code. */
function signAsTwilio(url: string, form: Record<string, string>): string {
  let data = url;
  for (const key of Object.keys(form).sort()) data += key + form[key];
  return createHmac("sha1", TOKEN).update(data).digest("base64");
}

t.test("SMS through the Twilio Messages API", async (t) => {
  // Request 0 is throttled (429), number +15550000400 is invalid (21211), the rest are accepted.
  const twilio = await startTwilioApi(t, (index, form) =>
    index === 0 ? { status: 429, code: 20429 } : form.To === "+15550000400" ? { status: 400, code: 21211 } : undefined,
  );
  // 15:00 UTC = 09:00 in Chicago, outside quiet hours (21:00-08:00).
  const clock = manualClock(new Date("2026-11-26T15:00:00Z"));
  const n = await startNotification(t, {
    env: {
      TWILIO_ACCOUNT_SID: "AC123",
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_FROM: "+15550009999",
      TWILIO_API_BASE: twilio.base,
      TWILIO_WEBHOOK_BASE_URL: PUBLIC,
      SEND_RETRY_BASE_MS: "1000",
      SMS_RATE_PER_SECOND: "5",
    },
    now: clock.now,
    random: () => 0.5,
    consumers: messageConsumers,
  });
  await n.service.startBackground();
  const sms = (address: string, timeZone = "America/Chicago") =>
    invitation({ channel: Channel.SMS, address, timeZone });

  t.test("a throttled request (429) is retried, then the SMS is sent with Twilio's SID", async (t) => {
    await n.publish(surveyInvitationRequestedV1, sms("+15550000101"));
    await eventually(() => n.deps.db.message.count());
    await dispatchDueMessages(n.deps);
    t.match(await n.deps.db.message.findFirstOrThrow(), { status: "queued", errorCode: "http_429", attempts: 1 });
    clock.advance(1000);
    await dispatchDueMessages(n.deps);
    const message = await n.deps.db.message.findFirstOrThrow();
    t.match(message, { status: "sent", provider: "twilio", providerId: /^SM/, attempts: 2, recipient: "+15550000101" });
    const request = twilio.requests[1]!;
    t.equal(request.accountSid, "AC123");
    t.equal(request.authorization, `Basic ${Buffer.from(`AC123:${TOKEN}`).toString("base64")}`);
    t.match(request.form, {
      To: "+15550000101",
      From: "+15550009999",
      Body: /Acme & Sons asks for 2 minutes of feedback: https:\/\/tpx.example\/s\/token123 Reply STOP/,
      StatusCallback: `${PUBLIC}public/twilio/status`,
    });
  });

  t.test("an invalid number (Twilio 21211) fails at once", async (t) => {
    const data = sms("+15550000400");
    await n.publish(surveyInvitationRequestedV1, data);
    await eventually(() => n.deps.db.message.findFirst({ where: { invitationId: data.invitationId } }));
    await dispatchDueMessages(n.deps);
    t.match(await n.deps.db.message.findFirstOrThrow({ where: { invitationId: data.invitationId } }), {
      status: "failed",
      errorCode: "invalid_phone",
      attempts: 1,
    });
  });

  t.test("inside the recipient's quiet hours the SMS waits until they end", async (t) => {
    clock.set(new Date("2026-11-27T04:00:00Z")); // 22:00 in Chicago, 23:00 in New York
    const chicago = sms("+15550000102");
    const tokyo = sms("+15550000103", "Asia/Tokyo"); // 13:00 there: sent now
    await n.publish(surveyInvitationRequestedV1, chicago);
    await n.publish(surveyInvitationRequestedV1, tokyo);
    await eventually(() => n.deps.db.message.count().then((count) => count === 4));
    const before = twilio.requests.length;
    await dispatchDueMessages(n.deps);
    const deferred = await n.deps.db.message.findFirstOrThrow({ where: { invitationId: chicago.invitationId } });
    t.match(deferred, { status: "queued", attempts: 0 });
    t.equal(deferred.nextAttemptAt.toISOString(), "2026-11-27T14:00:00.000Z", "08:00 the next morning in Chicago");
    t.equal(twilio.requests.length, before + 1, "only the Tokyo recipient got one");
    clock.set(new Date("2026-11-27T14:00:00Z"));
    await dispatchDueMessages(n.deps);
    t.match(await n.deps.db.message.findFirstOrThrow({ where: { invitationId: chicago.invitationId } }), {
      status: "sent",
    });
  });

  t.test("a STOP reply suppresses the number for every partner", async (t) => {
    const form = { From: "+15550000105", To: "+15550009999", Body: "stop ", MessageSid: "SMinbound1" };
    const url = `${PUBLIC}public/twilio/inbound`;
    const forged = await n.app.inject({
      method: "POST",
      url: "/public/twilio/inbound",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "AAAA" },
      payload: new URLSearchParams(form).toString(),
    });
    t.equal(forged.statusCode, 403, "a request without Twilio's signature is refused");
    t.equal(await n.deps.db.suppression.count(), 0);
    const reply = await n.app.inject({
      method: "POST",
      url: "/public/twilio/inbound",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signAsTwilio(url, form) },
      payload: new URLSearchParams(form).toString(),
    });
    t.equal(reply.statusCode, 200);
    t.match(reply.body, /<Response><\/Response>/);
    t.match(await n.deps.db.suppression.findMany(), [{ channel: "sms", address: "+15550000105", reason: "stop" }]);

    const otherPartner = sms("+15550000105");
    otherPartner.partnerId = "11111111-2222-4333-8444-555555555555";
    await n.publish(surveyInvitationRequestedV1, otherPartner);
    await eventually(() => n.deps.db.message.findFirst({ where: { invitationId: otherPartner.invitationId } }));
    const before = twilio.requests.length;
    await dispatchDueMessages(n.deps);
    t.match(await n.deps.db.message.findFirstOrThrow({ where: { invitationId: otherPartner.invitationId } }), {
      status: "failed",
      errorCode: "suppressed",
    });
    t.equal(twilio.requests.length, before, "nothing went to Twilio");
    const failed = await outboxEvents(n.deps, "notification.failed");
    t.match(failed.at(-1)?.data, { errorCode: "suppressed", permanent: true });
  });

  t.test("Twilio's status callback marks a sent SMS delivered", async (t) => {
    const sent = await n.deps.db.message.findFirstOrThrow({ where: { status: "sent" } });
    const form = { MessageSid: sent.providerId!, MessageStatus: "delivered", AccountSid: "AC123" };
    const response = await n.app.inject({
      method: "POST",
      url: "/public/twilio/status",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signAsTwilio(`${PUBLIC}public/twilio/status`, form),
      },
      payload: new URLSearchParams(form).toString(),
    });
    t.equal(response.statusCode, 204);
    t.match(await n.deps.db.message.findUniqueOrThrow({ where: { id: sent.id } }), { status: "delivered" });
  });
});
