import t from "tap";
import { isDueForReminder, type ReminderCandidate } from "../../src/domain/reminders.ts";

const NOW = new Date("2027-01-10T12:00:00Z");
const HOUR = 3_600_000;
const policy = { delayHours: 72, maxCount: 2 };
const base: ReminderCandidate = {
  usedAt: null,
  expiresAt: new Date(NOW.getTime() + 10 * 24 * HOUR),
  optedOut: false,
  campaignOpen: true,
  remindersSent: 0,
  lastMessagedAt: new Date(NOW.getTime() - 72 * HOUR),
};

t.test("reminder selection", async (t) => {
  t.test("a non-responder whose last message is at least the delay old is due", async (t) => {
    t.ok(isDueForReminder(base, policy, NOW));
    t.ok(isDueForReminder({ ...base, remindersSent: 1 }, policy, NOW));
  });
  t.test("nobody else is", async (t) => {
    t.notOk(
      isDueForReminder({ ...base, lastMessagedAt: new Date(NOW.getTime() - 71 * HOUR) }, policy, NOW),
      "too soon",
    );
    t.notOk(isDueForReminder({ ...base, usedAt: NOW }, policy, NOW), "answered");
    t.notOk(isDueForReminder({ ...base, optedOut: true }, policy, NOW), "opted out");
    t.notOk(isDueForReminder({ ...base, campaignOpen: false }, policy, NOW), "closed");
    t.notOk(isDueForReminder({ ...base, expiresAt: NOW }, policy, NOW), "expired");
    t.notOk(isDueForReminder({ ...base, remindersSent: 2 }, policy, NOW), "max reached");
    t.notOk(isDueForReminder(base, { ...policy, maxCount: 0 }, NOW), "disabled");
  });
});
