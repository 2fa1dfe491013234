import { Type } from "@sinclair/typebox";
import { Components, DateTime, DateTimeInput, Nullable, Uuid } from "../shared/schemas.ts";

const Key = Type.String({ minLength: 1, maxLength: 64 });

export const ContractorParams = Type.Object({ contractorId: Uuid });

export const ContractorBody = Type.Object(
  {
    companyName: Type.String({ minLength: 1, maxLength: 200 }),
    revenueTier: Type.String({ minLength: 1, maxLength: 32 }),
    state: Type.String({ minLength: 2, maxLength: 2 }),
    focusAreas: Type.Array(Key, { minItems: 1, maxItems: 20 }),
    goals: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 10, default: [] }),
    capabilitiesNeeded: Type.Array(Key, { maxItems: 30, default: [] }),
    contactName: Type.String({ minLength: 1, maxLength: 200 }),
    contactEmail: Type.String({ format: "email", maxLength: 254 }),
    contactPhone: Type.Optional(Nullable(Type.String({ pattern: "^\\+[1-9]\\d{6,14}$" }))),
  },
  { additionalProperties: false },
);

export const Contractor = Type.Object({
  id: Uuid,
  companyName: Type.String(),
  revenueTier: Type.String(),
  state: Type.String(),
  focusAreas: Type.Array(Type.String()),
  goals: Type.Array(Type.String()),
  capabilitiesNeeded: Type.Array(Type.String()),
  contactName: Type.String(),
  contactEmail: Type.String(),
  contactPhone: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const Match = Type.Object({
  matchId: Uuid,
  contractorId: Uuid,
  algorithmVersion: Type.String(),
  trigger: Type.String(),
  primaryPartnerId: Nullable(Uuid),
  eligibleCount: Type.Integer(),
  createdAt: DateTime,
  candidates: Type.Array(
    Type.Object({
      partnerId: Uuid,
      slug: Type.String(),
      companyName: Type.String(),
      rank: Type.Integer(),
      score: Type.Number(),
      confidence: Type.Number(),
      components: Components,
      reasons: Type.Array(Type.String()),
      pcrScore: Type.Union([Type.Number(), Type.Null()]),
      isPrimary: Type.Boolean(),
      leadId: Nullable(Uuid),
    }),
  ),
});

export const SavedContractor = Type.Object({ contractor: Contractor, match: Type.Union([Match, Type.Null()]) });

export const MatchBody = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

export const MatchListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    before: Type.Optional(DateTimeInput),
  },
  { additionalProperties: false },
);

export const MatchList = Type.Object({ items: Type.Array(Match), nextBefore: Nullable(DateTime) });
export const MatchParams = Type.Object({ matchId: Uuid });
