import type { MessageProvider } from "./provider.ts";

/**
 * Development without SMTP or Twilio: nothing leaves the machine. The message log row already holds the rendered
 * message, so "sending" only marks it; `/dev/mailbox` shows these rows.
 */
export const DEV_MAILBOX = "dev-mailbox";

export const devMailboxProvider: MessageProvider = {
  name: DEV_MAILBOX,
  async send(message) {
    return { providerId: `dev-${message.id}` };
  },
};
