import { surveyInvitationRequestedV1 } from "@tpx/contracts";
import t from "tap";
import { messageConsumers } from "../../src/consumers/message-consumers.ts";
import { dispatchDueMessages } from "../../src/usecases/dispatch-due-messages.ts";
import { invitation } from "../support/events.ts";
import { eventually, manualClock, outboxEvents, startNotification } from "../support/service.ts";
import { startSmtpServer } from "../support/smtp.ts";

t.test("e-mail over SMTP", async (t) => {
  // The first two delivery attempts of this server meet a 451 (try again later).
  const smtp = await startSmtpServer(t, { reject: (i) => (i < 2 ? 451 : undefined) });
  const clock = manualClock(new Date("2026-11-26T15:00:00Z"));
  const n = await startNotification(t, {
    env: { SMTP_URL: smtp.url, SEND_RETRY_BASE_MS: "1000", SEND_MAX_ATTEMPTS: "4" },
    now: clock.now,
    random: () => 0.5,
    consumers: messageConsumers,
  });
  await n.service.startBackground();

  t.test("an invitation event becomes exactly one message, even when redelivered", async (t) => {
    const data = invitation({ address: "Dana@Example.com" });
    const first = await n.publish(surveyInvitationRequestedV1, data);
    // The producer's relay re-publishing after a lost ack uses a new msgID but the same invitation id.
    const second = await n.publish(surveyInvitationRequestedV1, data);
    await n.publish(surveyInvitationRequestedV1, data, first.id);
    await eventually(() => n.service.platform.db.processedEvent.count().then((c) => c >= 2));
    const messages = await n.deps.db.message.findMany();
    t.equal(messages.length, 1);
    t.match(messages[0], {
      channel: "email",
      recipient: "dana@example.com",
      template: "survey_invitation",
      status: "queued",
      invitationId: data.invitationId,
    });
    t.ok([first.id, second.id].includes(messages[0]!.causeEventId!), "caused by whichever copy was applied first");
  });

  t.test("a transient SMTP answer (451) is retried with backoff until it is accepted", async (t) => {
    await dispatchDueMessages(n.deps);
    let message = await n.deps.db.message.findFirstOrThrow();
    t.match(message, { status: "queued", attempts: 1, errorCode: "smtp_451" });
    // base 1000 ms, attempt 1, jitter 0.5 -> exactly 1000 ms
    t.equal(message.nextAttemptAt.getTime() - clock.now().getTime(), 1000);
    t.equal(await dispatchDueMessages(n.deps), 0, "nothing is due before the backoff ends");
    clock.advance(1000);
    await dispatchDueMessages(n.deps);
    message = await n.deps.db.message.findFirstOrThrow();
    t.match(message, { status: "queued", attempts: 2 });
    t.equal(message.nextAttemptAt.getTime() - clock.now().getTime(), 2000, "the delay doubles");
    clock.advance(2000);
    await dispatchDueMessages(n.deps);
    message = await n.deps.db.message.findFirstOrThrow();
    t.match(message, { status: "sent", attempts: 3, provider: "smtp", errorCode: null });
    t.equal(smtp.received.length, 1);
    const mail = smtp.received[0]!;
    t.same(mail.to, ["dana@example.com"]);
    t.match(mail.raw, /Subject: Acme & Sons asks for your feedback/);
    t.match(mail.raw, /Acme &amp; Sons/, "the HTML part escapes the partner name");
    t.match(mail.raw, /List-Unsubscribe:\s+<http:\/\/localhost:8080\/api\/notification\/public\/unsubscribe\//);
    t.match(mail.raw, new RegExp(`Message-ID: <${message.id}@localhost>`));
    const failed = await outboxEvents(n.deps, "notification.failed");
    t.equal(failed.length, 2);
    t.match(failed[0]!.data, { errorCode: "smtp_451", permanent: false, attempts: 1 });
    const sent = await outboxEvents(n.deps, "notification.sent");
    t.match(sent, [{ data: { notificationId: message.id, attempts: 3, channel: "CHANNEL_EMAIL" } }]);
  });
});

t.test("a permanent SMTP answer (550) fails the message at once", async (t) => {
  const smtp = await startSmtpServer(t, { reject: () => 550 });
  const n = await startNotification(t, { env: { SMTP_URL: smtp.url }, consumers: messageConsumers });
  await n.service.startBackground();
  await n.publish(surveyInvitationRequestedV1, invitation({ address: "gone@example.com" }));
  await eventually(() => n.deps.db.message.count());
  await dispatchDueMessages(n.deps);
  const message = await n.deps.db.message.findFirstOrThrow();
  t.match(message, { status: "failed", attempts: 1, errorCode: "smtp_550" });
  const [failed] = await outboxEvents(n.deps, "notification.failed");
  t.match(failed?.data, { permanent: true, errorCode: "smtp_550", invitationId: message.invitationId });
  t.equal(await dispatchDueMessages(n.deps), 0, "a failed message is never picked up again");
});

t.test("retries stop after SEND_MAX_ATTEMPTS", async (t) => {
  const smtp = await startSmtpServer(t, { reject: () => 421 });
  const clock = manualClock(new Date("2026-11-26T15:00:00Z"));
  const n = await startNotification(t, {
    env: { SMTP_URL: smtp.url, SEND_MAX_ATTEMPTS: "2", SEND_RETRY_BASE_MS: "10" },
    now: clock.now,
    consumers: messageConsumers,
  });
  await n.service.startBackground();
  await n.publish(surveyInvitationRequestedV1, invitation());
  await eventually(() => n.deps.db.message.count());
  await dispatchDueMessages(n.deps);
  clock.advance(60_000);
  await dispatchDueMessages(n.deps);
  const message = await n.deps.db.message.findFirstOrThrow();
  t.match(message, { status: "failed", attempts: 2, errorCode: "smtp_421" });
  const failed = await outboxEvents(n.deps, "notification.failed");
  t.same(
    failed.map((event) => event.data.permanent ?? false),
    [false, true],
  );
});
