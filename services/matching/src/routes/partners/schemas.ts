import { Type } from "@sinclair/typebox";
import { DateTime, DateTimeInput, LeadStage, Nullable, Uuid } from "../shared/schemas.ts";

export const PartnerParams = Type.Object({ partnerId: Uuid });

export const LeadListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(LeadStage, { maxItems: 6 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    minValue: Type.Optional(Type.Integer({ minimum: 0 })),
    maxValue: Type.Optional(Type.Integer({ minimum: 0 })),
    createdFrom: Type.Optional(DateTimeInput),
    createdTo: Type.Optional(DateTimeInput),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);

export const LeadList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      partnerId: Uuid,
      contractorId: Uuid,
      matchId: Uuid,
      status: LeadStage,
      allowedNext: Type.Array(LeadStage),
      value: Type.Union([Type.Integer(), Type.Null()]),
      stageEnteredAt: DateTime,
      closedAt: Nullable(DateTime),
      createdAt: DateTime,
      updatedAt: DateTime,
      contractor: Type.Object({
        companyName: Type.String(),
        contactName: Type.String(),
        contactEmail: Type.String(),
        revenueTier: Type.String(),
        state: Type.String(),
      }),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

const Rate = Type.Union([Type.Number(), Type.Null()]);
export const Pipeline = Type.Object({
  partnerId: Uuid,
  totalLeads: Type.Integer(),
  openLeads: Type.Integer(),
  won: Type.Integer(),
  lost: Type.Integer(),
  conversionRate: Rate,
  winRate: Rate,
  openValue: Type.Number(),
  wonValue: Type.Number(),
  averageDaysToWin: Rate,
  stages: Type.Array(
    Type.Object({
      stage: LeadStage,
      current: Type.Integer(),
      reached: Type.Integer(),
      averageDaysInStage: Rate,
    }),
  ),
});
