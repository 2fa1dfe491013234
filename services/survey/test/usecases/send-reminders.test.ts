import t from "tap";
import { optOut } from "../../src/usecases/opt-out.ts";
import { sendReminders } from "../../src/usecases/send-reminders.ts";
import { startManualCampaigns } from "../../src/usecases/start-manual-campaigns.ts";
import { invitationTokens, outboxData, seedPartner, startSurvey } from "../helper.ts";

const HOUR = 3_600_000;

t.test("sendReminders", async (t) => {
  const { db, deps } = await startSurvey(t, { env: { REMINDER_DELAY_HOURS: "48", REMINDER_MAX_COUNT: "2" } });
  const partnerId = await seedPartner(db, { withPhone: 1 });
  const start = new Date();
  const [created] = await startManualCampaigns(deps, { partnerId, adminUserId: "admin-1", now: start });
  const campaignId = created!.campaignId!;
  const tokens = await invitationTokens(db, campaignId);
  const reminders = async () =>
    (await outboxData(db, "survey.invitation.requested")).filter((row) => row.kind === "INVITATION_KIND_REMINDER");

  t.test("reminds nobody before the delay", async (t) => {
    t.same(await sendReminders(deps, new Date(start.getTime() + 47 * HOUR)), { reminded: 0, closed: 0 });
  });

  t.test("reminds only non-responders who have not opted out, on every channel, with a fresh link", async (t) => {
    const answered = await db.recipient.findFirstOrThrow({ where: { campaignId }, orderBy: { referenceId: "asc" } });
    await db.recipient.update({ where: { id: answered.id }, data: { usedAt: new Date() } });
    await optOut(deps, tokens[9]!);
    const result = await sendReminders(deps, new Date(start.getTime() + 49 * HOUR));
    t.equal(result.reminded, 8);
    const sent = await reminders();
    t.equal(sent.filter((row) => row.channel === "CHANNEL_EMAIL").length, 8);
    t.ok(sent.every((row) => row.reminderNumber === 1));
    t.notOk(sent.some((row) => row.recipientId === answered.id));
    t.equal(new Set(sent.map((row) => row.surveyUrl)).size, 8, "one fresh link per reminded recipient");
    t.equal(await db.surveyLink.count(), 18, "each reminder carries a new link; the old ones still work");
  });

  t.test("waits the delay again and stops at the maximum", async (t) => {
    t.equal((await sendReminders(deps, new Date(start.getTime() + 60 * HOUR))).reminded, 0);
    t.equal((await sendReminders(deps, new Date(start.getTime() + 98 * HOUR))).reminded, 8);
    t.equal((await sendReminders(deps, new Date(start.getTime() + 200 * HOUR))).reminded, 0);
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    t.ok(campaign.reminderCount >= 16);
  });

  t.test("two sweeps at once send each reminder once", async (t) => {
    await db.recipient.updateMany({ where: { campaignId }, data: { remindersSent: 0 } });
    const before = (await reminders()).length;
    const at = new Date(start.getTime() + 300 * HOUR);
    const [x, y] = await Promise.all([sendReminders(deps, at), sendReminders(deps, at)]);
    t.equal(x.reminded + y.reminded, 8);
    const emails = (await reminders()).slice(before).filter((row) => row.channel === "CHANNEL_EMAIL");
    t.equal(emails.length, 8);
    t.equal(new Set(emails.map((row) => row.recipientId)).size, 8, "no recipient reminded twice");
  });

  t.test("closes campaigns past their closing date", async (t) => {
    const result = await sendReminders(deps, new Date(start.getTime() + 31 * 24 * HOUR));
    t.equal(result.closed, 1);
    t.equal((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).state, "CLOSED");
  });
});
