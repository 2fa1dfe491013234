import { type TSchema, Type } from "@sinclair/typebox";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PartnerParams = Type.Object({ partnerId: Type.String({ minLength: 1, maxLength: 64 }) });

export const HistoryQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    beforeRevision: Type.Optional(Type.Integer({ minimum: 2 })),
  },
  { additionalProperties: false },
);

export const CategoriesQuery = Type.Object(
  {
    quarter: Type.Optional(Type.String({ pattern: "^\\d{4}-Q[1-4]$" })),
    audience: Type.Optional(Type.Union([Type.Literal("customer"), Type.Literal("employee")])),
  },
  { additionalProperties: false },
);

const Badge = Type.Object({ code: Type.String(), label: Type.String(), kind: Type.String() });
const Window = Type.Object({ quarter: Type.String(), responseCount: Type.Integer(), responsesNeeded: Type.Integer() });
const Breakdown = Type.Object({
  profile: Type.Number(),
  feedback: Type.Number(),
  base: Type.Number(),
  tier: Type.String(),
  paymentMultiplier: Type.Number(),
  payment: Type.Number(),
  momentum: Type.String(),
  momentumPoints: Type.Number(),
  previousQuarter: Nullable(Type.String()),
  previousFeedback: Nullable(Type.Number()),
  final: Type.Number(),
  formula: Type.String(),
});
const Standing = Type.Object({ rank: Type.Integer(), of: Type.Integer(), percentile: Type.Number() });
const Nps = Type.Object({
  respondents: Type.Integer(),
  promoters: Type.Integer(),
  passives: Type.Integer(),
  detractors: Type.Integer(),
  nps: Type.Number(),
  low: Type.Number(),
  high: Type.Number(),
});

export const CurrentScoreReply = Type.Object({
  partnerId: Type.String(),
  status: Type.String({ description: "none, pending or scored" }),
  score: Nullable(Type.Number()),
  momentum: Nullable(Type.String()),
  badges: Type.Array(Badge),
  tier: Type.String(),
  profileCompletion: Type.Number(),
  revision: Type.Integer(),
  computedAt: Nullable(Type.String()),
  window: Nullable(Window),
  pending: Nullable(Type.Object({ have: Type.Integer(), need: Type.Integer() })),
  breakdown: Nullable(Breakdown),
  confidence: Nullable(
    Type.Object({
      low: Type.Number(),
      high: Type.Number(),
      provisional: Type.Boolean(),
      feedback: Type.Object({
        responses: Type.Integer(),
        mean: Type.Number(),
        low: Type.Number(),
        high: Type.Number(),
        margin: Type.Number(),
      }),
      momentum: Nullable(
        Type.Object({ change: Type.Number(), uncertainty: Type.Number(), significant: Type.Boolean() }),
      ),
      nps: Nullable(
        Type.Object({
          value: Nullable(Type.Number()),
          low: Nullable(Type.Number()),
          high: Nullable(Type.Number()),
          respondents: Type.Integer(),
        }),
      ),
    }),
  ),
  rank: Nullable(
    Type.Object({
      overall: Standing,
      byFocusArea: Type.Array(Type.Composite([Type.Object({ focusArea: Type.String() }), Standing])),
    }),
  ),
});

export const HistoryReply = Type.Object({
  scores: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      status: Type.String(),
      score: Nullable(Type.Number()),
      previousScore: Nullable(Type.Number()),
      trigger: Type.String(),
      window: Window,
      breakdown: Nullable(Breakdown),
      badges: Type.Array(Badge),
      computedAt: Type.String(),
    }),
  ),
  nextBeforeRevision: Nullable(Type.Integer()),
  quarters: Type.Array(
    Type.Object({
      quarter: Type.String(),
      responseCount: Type.Integer(),
      qualifies: Type.Boolean(),
      feedback: Nullable(Type.Number()),
      feedbackLow: Nullable(Type.Number()),
      feedbackHigh: Nullable(Type.Number()),
      momentum: Nullable(Type.String()),
      momentumChange: Nullable(Type.Number()),
      nps: Nullable(Type.Number()),
    }),
  ),
});

export const CategoriesReply = Type.Object({
  items: Type.Array(
    Type.Object({
      quarter: Type.String(),
      audience: Type.String(),
      category: Type.String(),
      average: Type.Number(),
      responses: Type.Integer(),
      answers: Type.Integer(),
    }),
  ),
});

export const FeedbackReply = Type.Object({
  counts: Type.Object({
    total: Type.Integer(),
    rated: Type.Integer(),
    customer: Type.Integer(),
    employee: Type.Integer(),
  }),
  nps: Nullable(Nps),
  quarters: Type.Array(
    Type.Object({ quarter: Type.String(), customer: Type.Integer(), employee: Type.Integer(), nps: Nullable(Nps) }),
  ),
  sentiment: Type.Object({
    positive: Type.Integer(),
    neutral: Type.Integer(),
    negative: Type.Integer(),
    averageScore: Nullable(Type.Number()),
  }),
  recentComments: Type.Array(
    Type.Object({
      text: Type.String(),
      audience: Type.String(),
      quarter: Type.String(),
      sentiment: Nullable(Type.String()),
      submittedOn: Type.String(),
    }),
  ),
});

const PeerStats = {
  peers: Type.Integer(),
  average: Nullable(Type.Number()),
  median: Nullable(Type.Number()),
  topQuartile: Nullable(Type.Number()),
};

export const BenchmarksReply = Type.Object({
  score: Nullable(Type.Number()),
  ranked: Type.Boolean(),
  overall: Type.Object({ ...PeerStats, standing: Nullable(Standing) }),
  focusAreas: Type.Array(
    Type.Object({
      focusArea: Type.String(),
      ...PeerStats,
      standing: Nullable(Type.Composite([Type.Object({ focusArea: Type.String() }), Standing])),
    }),
  ),
});

export const RecomputeReply = Type.Object({ status: Type.String(), score: Nullable(Type.Number()) });
