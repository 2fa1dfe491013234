import { Type } from "@sinclair/typebox";
import { DateTime, NullableDateTime, Quarter } from "../common-schemas.ts";

const Kind = Type.Union([Type.Literal("PRE_ONBOARDING"), Type.Literal("QUARTERLY"), Type.Literal("MANUAL")]);
const State = Type.Union([Type.Literal("OPEN"), Type.Literal("CLOSED")]);
const PinnedTemplate = Type.Object({ id: Type.String(), version: Type.Integer() });

export const ListCampaignsQuery = Type.Object(
  {
    partnerId: Type.Optional(Type.String({ format: "uuid" })),
    quarter: Type.Optional(Quarter),
    kind: Type.Optional(Kind),
    state: Type.Optional(State),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ format: "uuid" })),
  },
  { additionalProperties: false },
);

export const CampaignListResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      partnerId: Type.String(),
      partnerName: Type.Union([Type.String(), Type.Null()]),
      kind: Kind,
      quarter: Type.String(),
      state: State,
      opensAt: DateTime,
      closesAt: DateTime,
      templates: Type.Object({ customer: PinnedTemplate, employee: PinnedTemplate }),
      counts: Type.Object({
        recipients: Type.Integer(),
        invitations: Type.Integer(),
        reminders: Type.Integer(),
        responses: Type.Integer(),
      }),
      createdAt: DateTime,
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const SummaryQuery = Type.Object(
  { partnerId: Type.Optional(Type.String({ format: "uuid" })), quarter: Type.Optional(Quarter) },
  { additionalProperties: false },
);

export const SummaryResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      partnerId: Type.String(),
      partnerName: Type.Union([Type.String(), Type.Null()]),
      quarter: Type.String(),
      campaigns: Type.Integer(),
      recipients: Type.Integer(),
      invitations: Type.Integer(),
      reminders: Type.Integer(),
      responses: Type.Integer(),
      responseRate: Type.Number(),
      thresholdReachedAt: NullableDateTime,
    }),
  ),
});

/** One partner, or every active partner with `allActive: true`; exactly one of the two. */
export const ManualCampaignBody = Type.Union([
  Type.Object({ partnerId: Type.String({ format: "uuid" }) }, { additionalProperties: false }),
  Type.Object({ allActive: Type.Literal(true) }, { additionalProperties: false }),
]);

export const ManualCampaignResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      partnerId: Type.String(),
      outcome: Type.Union([Type.Literal("created"), Type.Literal("no_recipients")]),
      campaignId: Type.Optional(Type.String()),
      recipientCount: Type.Optional(Type.Integer()),
    }),
  ),
});

/** Defaults to the latest quarter whose scheduled run time has passed. */
export const RunQuarterlyQuery = Type.Object({ period: Type.Optional(Quarter) }, { additionalProperties: false });

export const RunQuarterlyResponse = Type.Object({
  period: Type.String(),
  outcome: Type.String(),
  created: Type.Integer(),
  skipped: Type.Integer(),
});

export const QuarterlyStatusResponse = Type.Object({
  schedule: Type.String(),
  timeZone: Type.String(),
  lastRun: Type.Union([
    Type.Object({
      period: Type.String(),
      startedAt: DateTime,
      finishedAt: NullableDateTime,
      created: Type.Integer(),
      owner: Type.String(),
    }),
    Type.Null(),
  ]),
  nextRun: Type.Object({ period: Type.String(), at: DateTime }),
  due: Type.Object({ period: Type.String(), at: DateTime, missed: Type.Boolean() }),
});
