import type { Deps } from "../deps.ts";
import { type ChannelName, normalizeAddress } from "../domain/address.ts";
import { optChangeOf } from "../domain/stop-keywords.ts";

/** Stops every future message to the address, whatever partner asks for it. Queued ones fail when their turn comes. */
export async function suppressAddress(
  deps: Deps,
  channel: ChannelName,
  address: string,
  reason: "stop" | "unsubscribe",
): Promise<void> {
  const normalized = normalizeAddress(channel, address);
  await deps.db.suppression.upsert({
    where: { channel_address: { channel, address: normalized } },
    create: { channel, address: normalized, reason },
    update: {},
  });
}

/** An inbound SMS: STOP-words suppress the sender's number, START-words lift an SMS opt-out. */
export async function handleInboundSms(
  deps: Deps,
  from: string,
  body: string,
): Promise<"opt-out" | "opt-in" | "ignored"> {
  const change = optChangeOf(body);
  if (change === "opt-out") {
    await suppressAddress(deps, "sms", from, "stop");
    return change;
  }
  if (change === "opt-in") {
    await deps.db.suppression.deleteMany({ where: { channel: "sms", address: normalizeAddress("sms", from) } });
    return change;
  }
  return "ignored";
}

const TWILIO_STATUS: Record<string, string> = { delivered: "delivered", undelivered: "bounced", failed: "failed" };

/** Twilio's status callback: the final state of a sent SMS (delivered, or bounced by the carrier). */
export async function recordSmsStatus(
  deps: Deps,
  sid: string,
  twilioStatus: string,
  errorCode?: string,
): Promise<void> {
  const status = TWILIO_STATUS[twilioStatus];
  if (!status) return;
  await deps.db.message.updateMany({
    where: { provider: "twilio", providerId: sid, status: { in: ["sent", "delivered"] } },
    data: { status, ...(errorCode ? { errorCode: `twilio_${errorCode}` } : {}) },
  });
}
