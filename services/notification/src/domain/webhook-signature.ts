import { createHmac, randomBytes } from "node:crypto";

/** Standard Webhooks symmetric secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/**
 * The three Standard Webhooks headers for one attempt: the id stays the same across retries, the timestamp is the
 * attempt's, the signature is `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` over the exact bytes sent.
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string) {
  const signature = createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": `v1,${signature}`,
  };
}
