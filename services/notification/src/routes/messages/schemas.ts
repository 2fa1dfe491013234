import { Type } from "@sinclair/typebox";

export const MessagesQuery = Type.Object(
  {
    campaignId: Type.Optional(Type.String({ format: "uuid" })),
    partnerId: Type.Optional(Type.String({ format: "uuid" })),
    recipientId: Type.Optional(Type.String({ maxLength: 100 })),
    channel: Type.Optional(Type.Union([Type.Literal("email"), Type.Literal("sms")])),
    status: Type.Optional(
      Type.Union(["queued", "sending", "sent", "delivered", "bounced", "failed"].map((value) => Type.Literal(value))),
    ),
    template: Type.Optional(Type.String({ maxLength: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const MessageItem = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  recipient: Type.String(),
  template: Type.String(),
  campaignId: NullableString,
  recipientId: NullableString,
  partnerId: NullableString,
  invitationId: NullableString,
  causeEventId: NullableString,
  status: Type.String(),
  attempts: Type.Integer(),
  provider: NullableString,
  providerId: NullableString,
  errorCode: NullableString,
  error: NullableString,
  nextAttemptAt: Type.String(),
  createdAt: Type.String(),
  sentAt: NullableString,
});

export const MessagePage = Type.Object({ items: Type.Array(MessageItem), nextCursor: NullableString });

export const CampaignParams = Type.Object(
  { campaignId: Type.String({ format: "uuid" }) },
  { additionalProperties: false },
);

const Counts = Type.Record(Type.String(), Type.Integer());
export const CampaignStats = Type.Object({
  campaignId: Type.String(),
  total: Type.Integer(),
  channels: Type.Object({ email: Counts, sms: Counts }),
});
