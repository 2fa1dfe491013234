export type ChannelName = "email" | "sms";

/** The form addresses are compared and suppressed in: lower-case e-mail, E.164 phone without spaces. */
export function normalizeAddress(channel: ChannelName, address: string): string {
  const trimmed = address.trim();
  return channel === "email" ? trimmed.toLowerCase() : trimmed.replace(/[\s().-]/g, "");
}

/** What APIs show instead of an address: enough to recognise it, not enough to use it. */
export function maskAddress(channel: ChannelName, address: string): string {
  if (channel === "sms") {
    const digits = address.replace(/\D/g, "");
    return `${address.startsWith("+") ? "+" : ""}${"*".repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
  }
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const tld = dot >= 0 ? domain.slice(dot) : "";
  return `${local[0]}***@${domain[0] ?? ""}***${tld}`;
}
