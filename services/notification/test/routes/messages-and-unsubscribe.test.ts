import { readFileSync } from "node:fs";
import {
  Channel,
  PcrTrigger,
  partnerApprovedV1,
  partnerRegisteredV1,
  pcrUpdatedV1,
  surveyInvitationRequestedV1,
  timestampFromDate,
  UserRole,
  userRegisteredV1,
} from "@tpx/contracts";
import t from "tap";
import { messageConsumers } from "../../src/consumers/message-consumers.ts";
import { dispatchDueMessages } from "../../src/usecases/dispatch-due-messages.ts";
import { invitation } from "../support/events.ts";
import { eventually, startNotification } from "../support/service.ts";
import { approved } from "../support/webhooks.ts";

const PARTNER = "6f1c2a9e-3b4d-4c5e-8f70-112233445566";
const OWNER = "b0000000-0000-4000-8000-0000000000b1";
const CAMPAIGN = "c0ffee00-1234-4abc-8def-000000000042";
const pcrFixture = JSON.parse(
  readFileSync(new URL("../../../../libs/contracts/test/fixtures/pcr.updated.v1.json", import.meta.url), "utf8"),
);

t.test("messages without SMTP or Twilio (development)", async (t) => {
  const n = await startNotification(t, { env: { NODE_ENV: "development" }, consumers: messageConsumers });
  await n.service.startBackground();
  const admin = await n.service.auth.headers({ role: "admin" });

  t.test("a partner's owner gets a welcome, an approval and a report e-mail", async (t) => {
    const now = timestampFromDate(new Date());
    await n.publish(
      userRegisteredV1,
      userRegisteredV1.create({
        userId: OWNER,
        email: "Owner@Acme.example",
        role: UserRole.PARTNER,
        displayName: "Olive",
        companyName: "Acme",
        registeredAt: now,
      }),
    );
    await n.publish(
      partnerRegisteredV1,
      partnerRegisteredV1.create({
        partnerId: PARTNER,
        slug: "acme",
        companyName: "Acme",
        ownerUserId: OWNER,
        registeredAt: now,
      }),
    );
    await eventually(() => n.deps.db.partnerContact.count());
    await eventually(() => n.deps.db.contact.count());
    await n.publish(partnerApprovedV1, approved(PARTNER, "acme"));
    const pcr = (revision: number, score: number, previousScore?: number) => {
      const data = pcrUpdatedV1.decode(pcrFixture.data);
      Object.assign(data, { partnerId: PARTNER, score, previousScore, revision, trigger: PcrTrigger.RESPONSE });
      data.breakdown!.finalScore = score;
      return data;
    };
    await n.publish(pcrUpdatedV1, pcr(1, 95.58));
    await n.publish(pcrUpdatedV1, pcr(2, 95.9, 95.58)); // less than a point: no mail
    await eventually(() => n.deps.db.processedEvent.count().then((count) => count === 5));
    const messages = await n.deps.db.message.findMany({ orderBy: { createdAt: "asc" } });
    t.same(
      messages.map((m) => [m.template, m.recipient]),
      [
        ["welcome", "owner@acme.example"],
        ["partner_approved", "owner@acme.example"],
        ["report", "owner@acme.example"],
      ],
    );
    t.match(messages[1]!.bodyText, /Acme has been approved.*http:\/\/localhost:8080\/pcr\/acme/s);
    t.match(messages[2]!.subject, "Acme: your PowerConfidence report");
    await dispatchDueMessages(n.deps);
    t.equal(await n.deps.db.message.count({ where: { status: "sent", provider: "dev-mailbox" } }), 3);
  });

  t.test("the dev mailbox shows them", async (t) => {
    const page = await n.app.inject("/dev/mailbox");
    t.equal(page.statusCode, 200);
    t.match(page.body, /3 message\(s\)/);
    t.match(page.body, /Acme is approved on TPX/);
    const one = await n.deps.db.message.findFirstOrThrow({ where: { template: "welcome" } });
    const detail = await n.app.inject(`/dev/mailbox/${one.id}`);
    t.match(detail.body, /Your TPX account is ready/);
  });

  t.test("admins read the log with masked addresses, and campaign stats", async (t) => {
    for (const address of ["a@x.example", "b@x.example", "c@x.example"]) {
      await n.publish(surveyInvitationRequestedV1, invitation({ address, campaignId: CAMPAIGN }));
    }
    await n.publish(
      surveyInvitationRequestedV1,
      invitation({ channel: Channel.SMS, address: "+15550000777", campaignId: CAMPAIGN, timeZone: "UTC" }),
    );
    await eventually(() => n.deps.db.message.count({ where: { campaignId: CAMPAIGN } }).then((count) => count === 4));
    const log = await n.app.inject({ url: `/admin/messages?campaignId=${CAMPAIGN}&limit=2`, headers: admin });
    t.equal(log.statusCode, 200);
    const page1 = log.json();
    t.equal(page1.items.length, 2);
    t.notMatch(log.body, /x\.example|5550000777/, "no address appears in full");
    t.match(page1.items[0], { recipient: /\*\*\*/, campaignId: CAMPAIGN, status: "queued", attempts: 0 });
    const next = await n.app.inject({
      url: `/admin/messages?campaignId=${CAMPAIGN}&limit=2&cursor=${page1.nextCursor}`,
      headers: admin,
    });
    t.equal(next.json().items.length, 2);
    t.equal(next.json().nextCursor, null);
    const ids = [...page1.items, ...next.json().items].map((item: { id: string }) => item.id);
    t.equal(new Set(ids).size, 4, "pages do not overlap");

    await dispatchDueMessages(n.deps);
    const stats = await n.app.inject({ url: `/admin/campaigns/${CAMPAIGN}/delivery-stats`, headers: admin });
    t.match(stats.json(), { campaignId: CAMPAIGN, total: 4, channels: { email: { sent: 3 } } });
    const sms = stats.json().channels.sms;
    t.equal(sms.sent + sms.queued, 1, "the SMS is sent or waiting for quiet hours to end");

    const partner = await n.service.auth.headers({ role: "partner", partnerId: PARTNER });
    t.equal((await n.app.inject({ url: "/admin/messages", headers: partner })).statusCode, 403);
    t.equal((await n.app.inject({ url: `/admin/campaigns/${CAMPAIGN}/delivery-stats` })).statusCode, 401);
    t.equal((await n.app.inject({ url: "/admin/messages?limit=1000", headers: admin })).statusCode, 400);
  });

  t.test("the unsubscribe link stops every future e-mail to the address", async (t) => {
    const mail = await n.deps.db.message.findFirstOrThrow({ where: { recipient: "a@x.example" } });
    const link = /Unsubscribe from all TPX e-mails: (\S+)/.exec(mail.bodyText)![1]!;
    const path = new URL(link).pathname.replace("/api/notification", "");
    const ask = await n.app.inject(path);
    t.equal(ask.statusCode, 200);
    t.match(ask.body, /a\*\*\*@x\*\*\*\.example/);
    t.equal(await n.deps.db.suppression.count(), 0, "looking at the page changes nothing");
    const oneClick = await n.app.inject({
      method: "POST",
      url: path,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    t.equal(oneClick.statusCode, 200);
    t.match(await n.deps.db.suppression.findMany(), [
      { channel: "email", address: "a@x.example", reason: "unsubscribe" },
    ]);
    t.equal((await n.app.inject(path.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).statusCode, 404, "a forged link");

    const other = invitation({ address: "A@X.example", partnerId: "11111111-2222-4333-8444-555555555555" });
    await n.publish(surveyInvitationRequestedV1, other);
    await eventually(() => n.deps.db.message.findFirst({ where: { invitationId: other.invitationId } }));
    t.match(await n.deps.db.message.findFirstOrThrow({ where: { invitationId: other.invitationId } }), {
      status: "failed",
      errorCode: "suppressed",
    });
  });
});

t.test("production never serves the dev mailbox", async (t) => {
  const n = await startNotification(t, {
    env: { NODE_ENV: "production", SMTP_URL: "smtp://127.0.0.1:2525", UNSUBSCRIBE_SECRET: "s" },
  });
  t.equal((await n.app.inject("/dev/mailbox")).statusCode, 404);
});
