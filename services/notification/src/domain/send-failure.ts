/**
 * Why a provider call failed, and whether trying again can help. Transient: SMTP 4xx, HTTP 429/5xx, timeouts and
 * connection errors. Permanent: SMTP 5xx, other HTTP 4xx. `suppress` marks answers that mean "never write to this
 * address again" (Twilio 21610: the recipient replied STOP).
 */
export interface SendFailure {
  code: string;
  message: string;
  permanent: boolean;
  suppress?: boolean;
}

export class SendError extends Error {
  override name = "SendError";
  readonly failure: SendFailure;
  constructor(failure: SendFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ESOCKET",
  "ECONNECTION",
  "ETIMEDOUT",
]);

/** Classifies an SMTP (nodemailer) error. */
export function smtpFailure(error: unknown): SendFailure {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const message = (e.message ?? String(error)).slice(0, 500);
  if (typeof e.responseCode === "number") {
    const permanent = e.responseCode >= 500;
    return { code: `smtp_${e.responseCode}`, message, permanent };
  }
  if (e.code && NETWORK_CODES.has(e.code)) return { code: "provider_unreachable", message, permanent: false };
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE") return { code: "invalid_message", message, permanent: true };
  return { code: "provider_error", message, permanent: false };
}

/** Classifies a Twilio Messages API answer that was not a success. */
export function twilioFailure(status: number, body: { code?: number; message?: string } | undefined): SendFailure {
  const message = `HTTP ${status}${body?.code ? ` (Twilio ${body.code})` : ""}: ${body?.message ?? ""}`.slice(0, 500);
  if (status === 429 || status >= 500) return { code: `http_${status}`, message, permanent: false };
  if (body?.code === 21610) return { code: "recipient_unsubscribed", message, permanent: true, suppress: true };
  if (body?.code === 21211 || body?.code === 21614) return { code: "invalid_phone", message, permanent: true };
  return { code: `http_${status}`, message, permanent: true };
}

export function timeoutFailure(ms: number): SendFailure {
  return { code: "provider_timeout", message: `no answer within ${ms} ms`, permanent: false };
}
