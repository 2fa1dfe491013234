import type { ChannelName } from "../domain/address.ts";

/** What a provider needs to send one message; `id` is the message log id, reused as the provider's idempotency key. */
export interface OutgoingMessage {
  id: string;
  channel: ChannelName;
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  unsubscribeUrl: string | null;
}

/** Sends one message; throws `SendError` with a classified failure. */
export interface MessageProvider {
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ providerId?: string }>;
}
