import { SendError, timeoutFailure, twilioFailure } from "../domain/send-failure.ts";
import type { MessageProvider, OutgoingMessage } from "./provider.ts";

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  from: string;
  apiBase: string;
  timeoutMs: number;
  /** Where Twilio posts delivery status changes; omitted when no public URL is configured. */
  statusCallbackUrl: string | undefined;
}

/** SMS through the Twilio Messages REST API (`POST /2010-04-01/Accounts/{sid}/Messages.json`, form encoded). */
export function createTwilioProvider(options: TwilioOptions): MessageProvider {
  const endpoint = new URL(
    `/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`,
    options.apiBase,
  ).toString();
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  return {
    name: "twilio",
    async send(message: OutgoingMessage) {
      const form = new URLSearchParams({ To: message.to, Body: message.text });
      form.set(options.from.startsWith("MG") ? "MessagingServiceSid" : "From", options.from);
      if (options.statusCallbackUrl) form.set("StatusCallback", options.statusCallbackUrl);
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        if ((error as Error).name === "TimeoutError") throw new SendError(timeoutFailure(options.timeoutMs));
        throw new SendError({ code: "provider_unreachable", message: (error as Error).message, permanent: false });
      }
      const body = (await response.json().catch(() => undefined)) as
        | { sid?: string; code?: number; message?: string }
        | undefined;
      if (!response.ok) throw new SendError(twilioFailure(response.status, body));
      return body?.sid ? { providerId: body.sid } : {};
    },
  };
}
