import { randomUUID } from "node:crypto";
import { Channel } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import { type ChannelName, normalizeAddress } from "../domain/address.ts";
import { unsubscribeToken } from "../domain/unsubscribe-token.ts";
import { withSlash } from "../providers/index.ts";
import { renderEmail, renderSms, type TemplateName } from "../templates/render.ts";
import { emitFailed } from "./message-events.ts";

export interface MessageRequest {
  /** At most one message is ever created per key (for example "<event id>:email"). */
  dedupeKey: string;
  channel: ChannelName;
  recipient: string;
  template: TemplateName;
  variables: Record<string, unknown>;
  locale?: string | undefined;
  timeZone?: string | undefined;
  campaignId?: string | undefined;
  recipientId?: string | undefined;
  partnerId?: string | undefined;
  invitationId?: string | undefined;
  cause?: { eventId: string; eventType: string } | undefined;
}

export function unsubscribeUrl(deps: Deps, channel: ChannelName, address: string): string {
  const token = unsubscribeToken(deps.unsubscribeSecret, channel, address);
  return new URL(`api/notification/public/unsubscribe/${token}`, withSlash(deps.config.PUBLIC_BASE_URL)).toString();
}

/**
 * Records the intent to send one message, rendered, inside the caller's transaction; the dispatcher sends it later.
 * A second request with the same key is a no-op (redelivered event). A suppressed address gets a failed row, so the
 * log shows why nothing was sent. Returns the message id, or undefined when the key was already used.
 */
export async function enqueueMessage(deps: Deps, tx: Tx, request: MessageRequest): Promise<string | undefined> {
  const existing = await tx.message.findUnique({ where: { dedupeKey: request.dedupeKey }, select: { id: true } });
  if (existing) return undefined;
  const address = normalizeAddress(request.channel, request.recipient);
  const link = unsubscribeUrl(deps, request.channel, address);
  const variables = { ...request.variables, unsubscribeUrl: link };
  const content =
    request.channel === "email"
      ? await renderEmail(request.template, variables)
      : { subject: null, html: null, text: await renderSms(request.template, variables) };
  const suppressed = await tx.suppression.findUnique({
    where: { channel_address: { channel: request.channel, address } },
  });
  const id = randomUUID();
  const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO message (id, dedupe_key, channel, recipient, template, locale, time_zone, subject, body_text, body_html,
       campaign_id, recipient_id, partner_id, invitation_id, cause_event_id, cause_event_type, status, error_code, error)
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid, $12, $13::uuid, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    id,
    request.dedupeKey,
    request.channel,
    address,
    request.template,
    request.locale ?? "en-US",
    request.timeZone ?? null,
    content.subject,
    content.text,
    content.html,
    request.campaignId ?? null,
    request.recipientId ?? null,
    request.partnerId ?? null,
    request.invitationId ?? null,
    request.cause?.eventId ?? null,
    request.cause?.eventType ?? null,
    suppressed ? "failed" : "queued",
    suppressed ? "suppressed" : null,
    suppressed ? `the address opted out (${suppressed.reason})` : null,
  );
  if (inserted.length === 0) return undefined;
  if (suppressed) {
    const row = await tx.message.findUniqueOrThrow({ where: { id } });
    await emitFailed(deps, tx, row, { code: "suppressed", message: "the address opted out", permanent: true });
  }
  return id;
}

export function channelName(channel: Channel): ChannelName | undefined {
  if (channel === Channel.EMAIL) return "email";
  if (channel === Channel.SMS) return "sms";
  return undefined;
}
