import type { SurveyDeps } from "../deps.ts";
import { isDueForReminder } from "../domain/reminders.ts";
import { UNKNOWN_PARTNER_NAME } from "./create-campaign.ts";
import { sendSurveyMessage } from "./send-survey-message.ts";

const BATCH = 200;

/**
 * Closes campaigns past their closing date and reminds non-responders whose last message is older than the
 * configured delay, at most the configured number of times; opted-out references are never messaged. Each
 * reminder claims its recipient with a compare-and-set on `reminders_sent`, so concurrent sweeps (several
 * replicas) send it once.
 */
export async function sendReminders(
  deps: SurveyDeps,
  now: Date = new Date(),
): Promise<{ reminded: number; closed: number }> {
  const closed = await deps.db.campaign.updateMany({
    where: { state: "OPEN", closesAt: { lte: now } },
    data: { state: "CLOSED", closedAt: now },
  });
  const policy = { delayHours: deps.config.REMINDER_DELAY_HOURS, maxCount: deps.config.REMINDER_MAX_COUNT };
  if (policy.maxCount === 0) return { reminded: 0, closed: closed.count };
  const dueBefore = new Date(now.getTime() - policy.delayHours * 3_600_000);
  const candidates = await deps.db.recipient.findMany({
    where: {
      usedAt: null,
      expiresAt: { gt: now },
      remindersSent: { lt: policy.maxCount },
      lastMessagedAt: { lte: dueBefore },
      campaign: { state: "OPEN" },
    },
    include: { campaign: { include: { partner: true } } },
    orderBy: { lastMessagedAt: "asc" },
    take: BATCH,
  });
  let reminded = 0;
  for (const candidate of candidates) {
    const reference = await deps.db.partnerReference.findUnique({ where: { id: candidate.referenceId } });
    const due = isDueForReminder(
      {
        usedAt: candidate.usedAt,
        expiresAt: candidate.expiresAt,
        optedOut: !reference || reference.optedOutAt !== null,
        campaignOpen: candidate.campaign.state === "OPEN",
        remindersSent: candidate.remindersSent,
        lastMessagedAt: candidate.lastMessagedAt,
      },
      policy,
      now,
    );
    if (!due || !reference) continue;
    const sent = await deps.db.$transaction(async (tx) => {
      const claimed = await tx.recipient.updateMany({
        where: { id: candidate.id, remindersSent: candidate.remindersSent, usedAt: null },
        data: { remindersSent: { increment: 1 }, lastMessagedAt: now },
      });
      if (claimed.count === 0) return false;
      const messages = await sendSurveyMessage(
        tx,
        deps,
        {
          campaignId: candidate.campaignId,
          partnerId: candidate.campaign.partnerId,
          partnerName: candidate.campaign.partner.companyName ?? UNKNOWN_PARTNER_NAME,
          recipientId: candidate.id,
          audience: candidate.audience,
          expiresAt: candidate.expiresAt,
          name: reference.name,
          email: reference.email,
          phone: reference.phone,
        },
        candidate.remindersSent + 1,
      );
      await tx.campaign.update({
        where: { id: candidate.campaignId },
        data: { reminderCount: { increment: messages } },
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return { reminded, closed: closed.count };
}
