import type { Tx } from "../../db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "./actor.ts";

export interface AuditInput {
  partnerId: string;
  actor: Actor;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason?: string | null;
}

/** The fields whose values differ, as `before` and `after` objects holding only those fields. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { fields: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const fields = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    fields,
    before: Object.fromEntries(fields.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(fields.map((key) => [key, after[key] ?? null])),
  };
}

/** Appends one audit entry in the caller's transaction, so an audited change and its entry commit together. */
export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      partnerId: entry.partnerId,
      actorUserId: entry.actor.userId,
      actorRole: entry.actor.role,
      action: entry.action,
      before: (entry.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (entry.after ?? undefined) as Prisma.InputJsonValue | undefined,
      reason: entry.reason ?? null,
    },
  });
}
