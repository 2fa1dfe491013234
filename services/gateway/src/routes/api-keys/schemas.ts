import { Type } from "@sinclair/typebox";
import { API_KEY_SCOPES } from "../../domain/scopes.ts";

const Scope = Type.Union(API_KEY_SCOPES.map((scope) => Type.Literal(scope)));

export const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: "`tpk_<id>`: enough to recognise a key, useless to call with" }),
  scopes: Type.Array(Type.String()),
  expiresAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});

export const CreatedApiKeySchema = Type.Composite([
  ApiKeySchema,
  Type.Object({ key: Type.String({ description: "the whole key; shown this once and never again" }) }),
]);

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Scope, { minItems: 1, maxItems: API_KEY_SCOPES.length }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
  },
  { additionalProperties: false },
);

export const ApiKeyParams = Type.Object({ id: Type.String({ pattern: "^[0-9A-Za-z]{12}$" }) });
