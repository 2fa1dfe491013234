import { Type } from "@sinclair/typebox";
import { CatalogKey, profileFields, Status, Strict, Tier } from "../schemas.ts";

export const AdminCreateBody = Type.Object(
  { ...profileFields, companyName: Type.String({ minLength: 1, maxLength: 200 }), paymentTier: Type.Optional(Tier) },
  Strict,
);

export const AdminUpdateBody = Type.Object(
  { ...profileFields, slug: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })) },
  { ...Strict, minProperties: 1 },
);

export const ReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) },
  Strict,
);
export const RequiredReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, Strict);
export const TierBody = Type.Object(
  { tier: Tier, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  Strict,
);

export const BulkBody = Type.Object(
  {
    action: Type.Union([Type.Literal("approve"), Type.Literal("status"), Type.Literal("tier"), Type.Literal("delete")]),
    ids: Type.Array(Type.String({ format: "uuid" }), { minItems: 1, maxItems: 500 }),
    status: Type.Optional(Status),
    tier: Type.Optional(Tier),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  Strict,
);

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Array(Status, { maxItems: 6 })),
    tier: Type.Optional(Tier),
    focusArea: Type.Optional(CatalogKey),
    region: Type.Optional(Type.String({ maxLength: 10 })),
    pcrMin: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    pcrMax: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    createdFrom: Type.Optional(Type.String({ format: "date-time" })),
    createdTo: Type.Optional(Type.String({ format: "date-time" })),
    sort: Type.Union([Type.Literal("createdAt"), Type.Literal("name"), Type.Literal("pcr")], { default: "createdAt" }),
    order: Type.Union([Type.Literal("asc"), Type.Literal("desc")], { default: "desc" }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  Strict,
);
