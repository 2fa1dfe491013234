import nodemailer from "nodemailer";
import { SendError, smtpFailure } from "../domain/send-failure.ts";
import type { MessageProvider, OutgoingMessage } from "./provider.ts";

/**
 * E-mail over SMTP. SMTP has no idempotency key, so the Message-ID is derived from the log id: a second copy (which
 * our intent record prevents anyway) would at least be recognisable as the same message downstream.
 */
export function createSmtpProvider(options: {
  url: string;
  from: string;
  timeoutMs: number;
  domain: string;
}): MessageProvider {
  const transport = nodemailer.createTransport(options.url, {});
  transport.options = {
    ...transport.options,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  } as typeof transport.options;
  return {
    name: "smtp",
    async send(message: OutgoingMessage) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject ?? "",
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          messageId: `<${message.id}@${options.domain}>`,
          ...(message.unsubscribeUrl
            ? {
                list: { unsubscribe: { url: message.unsubscribeUrl, comment: "Unsubscribe" } },
                headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
              }
            : {}),
        });
        return { providerId: info.messageId };
      } catch (error) {
        throw new SendError(smtpFailure(error));
      }
    },
  };
}
