import type { Principal } from "@tpx/service-kit";
import type { Deps } from "../deps.ts";
import { ownedSubscription, visibleTo } from "./owned-subscription.ts";

export async function listWebhookSubscriptions(deps: Deps, principal: Principal) {
  return deps.db.webhookSubscription.findMany({ where: visibleTo(principal), orderBy: { createdAt: "desc" } });
}

/** The delivery log of one endpoint, newest first, each delivery with its attempts (status code and latency). */
export async function listWebhookDeliveries(
  deps: Deps,
  principal: Principal,
  subscriptionId: string,
  query: { status?: string | undefined; limit: number },
) {
  const subscription = await ownedSubscription(deps, principal, subscriptionId);
  return deps.db.webhookDelivery.findMany({
    where: { subscriptionId: subscription.id, ...(query.status ? { status: query.status } : {}) },
    orderBy: { seq: "desc" },
    take: query.limit,
    include: { attemptLog: { orderBy: { createdAt: "asc" } } },
  });
}
