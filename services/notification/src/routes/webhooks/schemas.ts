import { Type } from "@sinclair/typebox";

const EventPattern = Type.String({ minLength: 1, maxLength: 120, pattern: "^(\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?)$" });

export const SubscriptionId = Type.Object({ id: Type.String({ format: "uuid" }) }, { additionalProperties: false });
export const DeliveryParams = Type.Object(
  { id: Type.String({ format: "uuid" }), deliveryId: Type.String({ format: "uuid" }) },
  { additionalProperties: false },
);

export const CreateSubscriptionBody = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000 }),
    eventTypes: Type.Array(EventPattern, { minItems: 1, maxItems: 50 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const UpdateSubscriptionBody = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 8, maxLength: 2000 })),
    eventTypes: Type.Optional(Type.Array(EventPattern, { minItems: 1, maxItems: 50 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const DeliveriesQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal("pending"), Type.Literal("delivered"), Type.Literal("failed")])),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const Subscription = Type.Object({
  id: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  ownerPartnerId: Nullable(Type.String()),
  enabled: Type.Boolean(),
  disabledAt: Nullable(Type.String()),
  disabledReason: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const CreatedSubscription = Type.Intersect([Subscription, Type.Object({ secret: Type.String() })]);
export const SubscriptionList = Type.Object({ items: Type.Array(Subscription) });
export const Secret = Type.Object({ secret: Type.String() });

export const Delivery = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  attemptLog: Type.Optional(
    Type.Array(
      Type.Object({
        attempt: Type.Integer(),
        responseStatus: Type.Union([Type.Integer(), Type.Null()]),
        durationMs: Type.Integer(),
        error: Nullable(Type.String()),
        at: Type.String(),
      }),
    ),
  ),
});
export const DeliveryList = Type.Object({ items: Type.Array(Delivery) });
