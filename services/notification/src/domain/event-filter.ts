/**
 * Whether a subscription pattern names an event type: exact ("partner.approved"), a prefix wildcard ("partner.*",
 * any depth below it) or everything ("*").
 */
export function matchesEventType(pattern: string, type: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function matchesAny(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => matchesEventType(pattern, type));
}

/**
 * Events that never go to webhooks: our own delivery reports (a webhook.delivered sent to a webhook would cause the
 * next one, forever).
 */
export function isWebhookable(type: string): boolean {
  return !type.startsWith("webhook.");
}

/**
 * Events a partner-owned subscription may never receive, even about itself: they carry contact details of survey
 * recipients or users, which stay inside the survey and notification services.
 */
const PERSONAL_DATA_EVENTS = new Set([
  "survey.invitation.requested",
  "partner.onboarding.completed",
  "user.registered",
]);

/** The partners an event is about, read from its payload (`partnerId`, or the candidates of a match). */
export function partnersConcerned(data: unknown): string[] {
  if (typeof data !== "object" || data === null) return [];
  const record = data as Record<string, unknown>;
  const ids = new Set<string>();
  if (typeof record.partnerId === "string") ids.add(record.partnerId);
  if (Array.isArray(record.candidates)) {
    for (const candidate of record.candidates) {
      const id = (candidate as Record<string, unknown> | null)?.partnerId;
      if (typeof id === "string") ids.add(id);
    }
  }
  return [...ids];
}

/** Whether an event goes to a subscription: type matches, and a partner-owned one only gets events about itself. */
export function subscriptionReceives(
  subscription: { eventTypes: readonly string[]; ownerPartnerId: string | null },
  event: { type: string; data: unknown },
): boolean {
  if (!isWebhookable(event.type) || !matchesAny(subscription.eventTypes, event.type)) return false;
  if (subscription.ownerPartnerId === null) return true;
  if (PERSONAL_DATA_EVENTS.has(event.type)) return false;
  return partnersConcerned(event.data).includes(subscription.ownerPartnerId);
}
