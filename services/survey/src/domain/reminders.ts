/** Who gets a reminder: pure, so the rule is tested without a database or a clock. */
export interface ReminderCandidate {
  usedAt: Date | null;
  expiresAt: Date;
  optedOut: boolean;
  campaignOpen: boolean;
  remindersSent: number;
  lastMessagedAt: Date;
}

export interface ReminderPolicy {
  delayHours: number;
  maxCount: number;
}

export function isDueForReminder(candidate: ReminderCandidate, policy: ReminderPolicy, now: Date): boolean {
  if (candidate.usedAt || candidate.optedOut || !candidate.campaignOpen) return false;
  if (candidate.expiresAt <= now) return false;
  if (candidate.remindersSent >= policy.maxCount) return false;
  return now.getTime() - candidate.lastMessagedAt.getTime() >= policy.delayHours * 3_600_000;
}
