import type { Config } from "../config.ts";
import type { ChannelName } from "../domain/address.ts";
import { SendError } from "../domain/send-failure.ts";
import { DEV_MAILBOX, devMailboxProvider } from "./dev-mailbox-provider.ts";
import type { MessageProvider } from "./provider.ts";
import { createSmtpProvider } from "./smtp-provider.ts";
import { createTwilioProvider } from "./twilio-provider.ts";

export type Providers = Record<ChannelName, MessageProvider>;

/**
 * One provider per channel from configuration. Outside production a channel without settings goes to the dev
 * mailbox; in production e-mail must be configured and SMS without Twilio settings fail as not configured.
 */
export function createProviders(config: Config): Providers {
  const production = config.NODE_ENV === "production";
  if (production && !config.SMTP_URL) throw new Error("SMTP_URL is required in production");
  const email = config.SMTP_URL
    ? createSmtpProvider({
        url: config.SMTP_URL,
        from: config.EMAIL_FROM,
        timeoutMs: config.SEND_TIMEOUT_MS,
        domain: new URL(config.PUBLIC_BASE_URL).hostname,
      })
    : devMailboxProvider;
  const twilioReady = config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM;
  const sms = twilioReady
    ? createTwilioProvider({
        accountSid: config.TWILIO_ACCOUNT_SID!,
        authToken: config.TWILIO_AUTH_TOKEN!,
        from: config.TWILIO_FROM!,
        apiBase: config.TWILIO_API_BASE,
        timeoutMs: config.SEND_TIMEOUT_MS,
        statusCallbackUrl: config.TWILIO_WEBHOOK_BASE_URL
          ? new URL("public/twilio/status", withSlash(config.TWILIO_WEBHOOK_BASE_URL)).toString()
          : undefined,
      })
    : production
      ? notConfigured("sms")
      : devMailboxProvider;
  return { email, sms };
}

export function withSlash(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

export function usesDevMailbox(providers: Providers): boolean {
  return providers.email.name === DEV_MAILBOX || providers.sms.name === DEV_MAILBOX;
}

function notConfigured(channel: ChannelName): MessageProvider {
  return {
    name: "none",
    async send() {
      throw new SendError({
        code: `${channel}_not_configured`,
        message: `${channel} is not configured`,
        permanent: true,
      });
    },
  };
}
