import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { surveyInvitationRequestedV1 } from "@tpx/contracts";
import t from "tap";
import { messageConsumers } from "../../src/consumers/message-consumers.ts";
import { dispatchDueMessages } from "../../src/usecases/dispatch-due-messages.ts";
import { invitation } from "../support/events.ts";
import { eventually, manualClock, outboxEvents, startNotification } from "../support/service.ts";
import { startSmtpServer } from "../support/smtp.ts";

const childScript = fileURLToPath(new URL("../support/send-in-child.ts", import.meta.url));

t.test("a sender killed in the middle of a send", async (t) => {
  let child: ReturnType<typeof spawn> | undefined;
  let killed!: () => void;
  const childDied = new Promise<void>((resolve) => {
    killed = resolve;
  });
  // The SMTP server has the whole message; before it can answer, the sending process is killed.
  const smtp = await startSmtpServer(t, {
    beforeReply: async () => {
      child?.kill("SIGKILL");
      await childDied;
    },
  });
  const clock = manualClock(new Date());
  const n = await startNotification(t, {
    env: { SMTP_URL: smtp.url, SEND_STALE_AFTER_MS: "60000" },
    now: clock.now,
    consumers: messageConsumers,
  });
  await n.service.startBackground();
  await n.publish(surveyInvitationRequestedV1, invitation({ address: "once@example.com" }));
  await eventually(() => n.deps.db.message.count());

  const started = Date.now();
  child = spawn(process.execPath, ["--import", "tsx", childScript], {
    env: { ...process.env, DATABASE_URL: n.service.databaseUrl, SMTP_URL: smtp.url, LOG_LEVEL: "silent" },
    stdio: "ignore",
  });
  const exit = await new Promise<NodeJS.Signals | null>((resolve) =>
    child!.on("exit", (_code, signal) => resolve(signal)),
  );
  killed();
  t.comment(`child ran ${Date.now() - started} ms`);
  t.equal(exit, "SIGKILL", "the sender died during the SMTP transaction");
  t.equal(smtp.received.length, 1, "the server got the message");
  t.match(await n.deps.db.message.findFirstOrThrow(), { status: "sending", attempts: 1 });

  t.test("another sender does not pick the interrupted message up", async (t) => {
    t.equal(await dispatchDueMessages(n.deps), 0);
    t.equal(smtp.received.length, 1);
  });

  t.test("after the stale limit it fails as outcome unknown and is never sent again", async (t) => {
    clock.set(new Date(Date.now() + 60_001));
    await dispatchDueMessages(n.deps);
    await dispatchDueMessages(n.deps);
    const message = await n.deps.db.message.findFirstOrThrow();
    t.match(message, { status: "failed", errorCode: "outcome_unknown", attempts: 1 });
    t.equal(smtp.received.length, 1, "no duplicate reached the server");
    t.match(await outboxEvents(n.deps, "notification.failed"), [
      { data: { notificationId: message.id, errorCode: "outcome_unknown", permanent: true } },
    ]);
  });

  t.test("the event that asked for it, delivered again, creates nothing", async (t) => {
    const before = await n.deps.db.message.findFirstOrThrow();
    await n.publish(
      surveyInvitationRequestedV1,
      invitation({ invitationId: before.invitationId!, address: "once@example.com" }),
    );
    await eventually(() => n.deps.db.processedEvent.count().then((count) => count === 2));
    t.equal(await n.deps.db.message.count(), 1);
    await dispatchDueMessages(n.deps);
    t.equal(smtp.received.length, 1);
  });
});
