import { ForbiddenError, NotFoundError, type Principal } from "@tpx/service-kit";
import type { Deps } from "../deps.ts";
import type { WebhookSubscription } from "../generated/prisma/client.ts";

/** Who owns what a caller creates: admins own admin subscriptions, partner users their partner's. */
export function ownerOf(principal: Principal): { ownerPartnerId: string | null; ownerUserId: string } {
  if (principal.role === "admin") return { ownerPartnerId: null, ownerUserId: principal.userId };
  if (principal.role === "partner" && principal.partnerId) {
    return { ownerPartnerId: principal.partnerId, ownerUserId: principal.userId };
  }
  throw new ForbiddenError("Only admins and partner users have webhooks.");
}

/** Rows a caller may see: everything for admins, only its own partner's for partner users. */
export function visibleTo(principal: Principal): { ownerPartnerId?: string } {
  return principal.role === "admin" ? {} : { ownerPartnerId: ownerOf(principal).ownerPartnerId! };
}

/** A subscription the caller may touch; another partner's is reported as missing, never as forbidden. */
export async function ownedSubscription(deps: Deps, principal: Principal, id: string): Promise<WebhookSubscription> {
  const subscription = await deps.db.webhookSubscription.findFirst({ where: { id, ...visibleTo(principal) } });
  if (!subscription) throw new NotFoundError("The webhook subscription");
  return subscription;
}
