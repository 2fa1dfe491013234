import { Type } from "@sinclair/typebox";

export const UnsubscribeParams = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 2000 }) },
  { additionalProperties: false },
);

/** Twilio posts many fields; only these matter, the rest are accepted because Twilio signs all of them. */
export const InboundSms = Type.Object({ From: Type.String({ minLength: 1 }), Body: Type.String() });
export const SmsStatus = Type.Object({
  MessageSid: Type.String({ minLength: 1 }),
  MessageStatus: Type.String({ minLength: 1 }),
  ErrorCode: Type.Optional(Type.String()),
});
