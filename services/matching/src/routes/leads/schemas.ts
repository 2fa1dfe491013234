import { Type } from "@sinclair/typebox";
import { DateTime, LeadStage, Nullable, PartnerRef, Uuid } from "../shared/schemas.ts";

export const LeadParams = Type.Object({ leadId: Uuid });

const ContractorLead = Type.Object({
  id: Uuid,
  partnerId: Uuid,
  partner: PartnerRef,
  contractorId: Uuid,
  matchId: Uuid,
  status: LeadStage,
  createdAt: DateTime,
});

export const ContractorLeadList = Type.Object({ items: Type.Array(ContractorLead) });

/** The partner's and admin's view carries more; the contractor's view is ContractorLead. */
export const LeadDetail = Type.Union([
  Type.Object({
    id: Uuid,
    partnerId: Uuid,
    partner: PartnerRef,
    contractorId: Uuid,
    matchId: Uuid,
    status: LeadStage,
    createdAt: DateTime,
    allowedNext: Type.Array(LeadStage),
    value: Type.Union([Type.Integer(), Type.Null()]),
    stageEnteredAt: DateTime,
    closedAt: Nullable(DateTime),
    contractor: Type.Union([
      Type.Object({
        companyName: Type.String(),
        revenueTier: Type.String(),
        state: Type.String(),
        focusAreas: Type.Array(Type.String()),
        goals: Type.Array(Type.String()),
        capabilitiesNeeded: Type.Array(Type.String()),
        contactName: Type.String(),
        contactEmail: Type.String(),
        contactPhone: Nullable(Type.String()),
      }),
      Type.Null(),
    ]),
    stages: Type.Array(Type.Object({ stage: LeadStage, enteredAt: DateTime, leftAt: Nullable(DateTime) })),
  }),
  ContractorLead,
]);

export const StatusBody = Type.Object({ status: LeadStage }, { additionalProperties: false });
export const ValueBody = Type.Object(
  { value: Type.Union([Type.Integer({ minimum: 0, maximum: 2_000_000_000 }), Type.Null()]) },
  { additionalProperties: false },
);
export const TextBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 5000, pattern: "\\S" }) },
  { additionalProperties: false },
);

export const LeadState = Type.Object({
  id: Uuid,
  status: LeadStage,
  value: Type.Union([Type.Integer(), Type.Null()]),
  stageEnteredAt: DateTime,
  closedAt: Nullable(DateTime),
});

export const Note = Type.Object({
  id: Uuid,
  leadId: Uuid,
  authorUserId: Uuid,
  body: Type.String(),
  createdAt: DateTime,
});
export const NoteList = Type.Object({ items: Type.Array(Note) });
export const Message = Type.Object({
  id: Uuid,
  leadId: Uuid,
  sender: Type.Union([Type.Literal("partner"), Type.Literal("contractor")]),
  authorUserId: Uuid,
  body: Type.String(),
  createdAt: DateTime,
});
export const MessageList = Type.Object({ items: Type.Array(Message) });
