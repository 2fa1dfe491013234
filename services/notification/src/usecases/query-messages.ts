import { ValidationError } from "@tpx/service-kit";
import type { Deps } from "../deps.ts";
import { type ChannelName, maskAddress } from "../domain/address.ts";
import type { Message } from "../generated/prisma/client.ts";

export interface MessageQuery {
  campaignId?: string | undefined;
  recipientId?: string | undefined;
  partnerId?: string | undefined;
  channel?: ChannelName | undefined;
  status?: string | undefined;
  template?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** What the admin API shows of a message: never the address in full, never the body. */
export function messageView(message: Message) {
  return {
    id: message.id,
    channel: message.channel,
    recipient: maskAddress(message.channel === "sms" ? "sms" : "email", message.recipient),
    template: message.template,
    campaignId: message.campaignId,
    recipientId: message.recipientId,
    partnerId: message.partnerId,
    invitationId: message.invitationId,
    causeEventId: message.causeEventId,
    status: message.status,
    attempts: message.attempts,
    provider: message.provider,
    providerId: message.providerId,
    errorCode: message.errorCode,
    error: message.error,
    nextAttemptAt: message.nextAttemptAt.toISOString(),
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
  };
}

/**
 * The message log, newest first. The cursor is the last id seen: Prisma compares against that row's stored values
 * in the database, which keeps microsecond timestamps exact (a timestamp in the cursor would lose them).
 */
export async function queryMessages(deps: Deps, query: MessageQuery) {
  const after = query.cursor
    ? await deps.db.message.findUnique({ where: { id: decodeCursor(query.cursor) } })
    : undefined;
  if (query.cursor && !after) throw new ValidationError([{ field: "cursor", message: "is invalid" }]);
  const rows = await deps.db.message.findMany({
    where: {
      ...(query.campaignId ? { campaignId: query.campaignId } : {}),
      ...(query.recipientId ? { recipientId: query.recipientId } : {}),
      ...(query.partnerId ? { partnerId: query.partnerId } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.template ? { template: query.template } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(after ? { cursor: { id: after.id }, skip: 1 } : {}),
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? Buffer.from(last.id).toString("base64url") : null;
  return { items: page.map(messageView), nextCursor };
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString();
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new ValidationError([{ field: "cursor", message: "is invalid" }]);
  return id;
}

const STATUSES = ["queued", "sending", "sent", "delivered", "bounced", "failed"] as const;

/** Delivery stats of one campaign: counts per channel and status. */
export async function campaignStats(deps: Deps, campaignId: string) {
  const groups = await deps.db.message.groupBy({
    by: ["channel", "status"],
    where: { campaignId },
    _count: { _all: true },
  });
  const zero = () => Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<string, number>;
  const byChannel = { email: zero(), sms: zero() };
  let total = 0;
  for (const group of groups) {
    const counts = group.channel === "sms" ? byChannel.sms : group.channel === "email" ? byChannel.email : undefined;
    if (counts) counts[group.status] = group._count._all;
    total += group._count._all;
  }
  return { campaignId, total, channels: byChannel };
}
