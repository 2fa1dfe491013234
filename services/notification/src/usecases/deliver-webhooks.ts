import type { Deps } from "../deps.ts";
import { attemptDelivery } from "./attempt-webhook-delivery.ts";

/** Endpoints served per round; each is one job that delivers its queue in order. */
const ENDPOINTS_PER_ROUND = 20;
/** Deliveries one endpoint job sends in a row before it lets go (fairness between rounds). */
const DELIVERIES_PER_JOB = 50;

/**
 * One webhook round: lease endpoints whose oldest pending delivery is due (at most one job per endpoint across all
 * replicas), then send each endpoint's queue head first. A failed head blocks the ones behind it until it succeeds or
 * is given up, which keeps deliveries in order per endpoint.
 */
export async function deliverDueWebhooks(deps: Deps): Promise<number> {
  const now = deps.now();
  const leaseMs = deps.config.WEBHOOK_TIMEOUT_MS * (DELIVERIES_PER_JOB + 1);
  const leased = await deps.db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE webhook_subscription SET lease_until = $2::timestamptz
     WHERE id IN (
       SELECT s.id FROM webhook_subscription s
       WHERE s.enabled AND (s.lease_until IS NULL OR s.lease_until < $1::timestamptz)
         AND (SELECT d.next_attempt_at FROM webhook_delivery d
              WHERE d.subscription_id = s.id AND d.status = 'pending' ORDER BY d.seq LIMIT 1) <= $1::timestamptz
       LIMIT ${ENDPOINTS_PER_ROUND} FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    now.toISOString(),
    new Date(now.getTime() + leaseMs).toISOString(),
  );
  const counts = await Promise.all(leased.map(({ id }) => runEndpointJob(deps, id)));
  return counts.reduce((sum, count) => sum + count, 0);
}

async function runEndpointJob(deps: Deps, subscriptionId: string): Promise<number> {
  let attempted = 0;
  try {
    for (let i = 0; i < DELIVERIES_PER_JOB; i++) {
      const subscription = await deps.db.webhookSubscription.findUnique({ where: { id: subscriptionId } });
      if (!subscription?.enabled) break;
      const head = await deps.db.webhookDelivery.findFirst({
        where: { subscriptionId, status: "pending" },
        orderBy: { seq: "asc" },
      });
      if (!head || head.nextAttemptAt > deps.now()) break;
      attempted++;
      const delivered = await attemptDelivery(deps, subscription, head);
      if (!delivered) break;
    }
  } finally {
    await deps.db.webhookSubscription.updateMany({ where: { id: subscriptionId }, data: { leaseUntil: null } });
  }
  return attempted;
}
