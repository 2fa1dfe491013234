import type { Principal } from "@tpx/service-kit";
import { partnerFor } from "./support/access.ts";
import type { Deps } from "./support/deps.ts";

/**
 * The audit trail of one partner, newest first, paged with `before` (an entry's createdAt). Admins read it even
 * after the partner was deleted; a partner user only its own.
 */
export async function listAudit(
  deps: Deps,
  principal: Principal,
  partnerId: string,
  query: { limit: number; before?: string },
) {
  return deps.db.$transaction(async (tx) => {
    if (principal.role !== "admin") await partnerFor(tx, principal, partnerId);
    const rows = await tx.auditEntry.findMany({
      where: { partnerId, ...(query.before ? { createdAt: { lt: new Date(query.before) } } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit,
    });
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.createdAt.toISOString(),
        actor: { userId: row.actorUserId, role: row.actorRole },
        action: row.action,
        before: row.before,
        after: row.after,
        reason: row.reason,
      })),
      nextBefore: rows.length === query.limit ? rows.at(-1)?.createdAt.toISOString() : null,
    };
  });
}
