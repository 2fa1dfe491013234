import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChannelName } from "./address.ts";

/** Unsubscribe links carry the address they stop, signed so nobody can unsubscribe someone else by guessing. */
export function unsubscribeToken(secret: string, channel: ChannelName, address: string): string {
  const payload = Buffer.from(JSON.stringify([channel, address])).toString("base64url");
  const mac = createHmac("sha256", secret).update(payload).digest("base64url");
  return `${payload}.${mac}`;
}

export function readUnsubscribeToken(
  secret: string,
  token: string,
): { channel: ChannelName; address: string } | undefined {
  const [payload, mac] = token.split(".");
  if (!payload || !mac) return undefined;
  const expected = Buffer.from(createHmac("sha256", secret).update(payload).digest("base64url"));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const [channel, address] = JSON.parse(Buffer.from(payload, "base64url").toString()) as [string, string];
    if ((channel !== "email" && channel !== "sms") || typeof address !== "string") return undefined;
    return { channel, address };
  } catch {
    return undefined;
  }
}
