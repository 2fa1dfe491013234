-- CreateTable
CREATE TABLE "partner" (
    "id" TEXT NOT NULL,
    "slug" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "status_changed_at" TIMESTAMPTZ(6),
    "tier" TEXT NOT NULL DEFAULT 'FREE',
    "tier_changed_at" TIMESTAMPTZ(6),
    "profile_completion" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "profile_updated_at" TIMESTAMPTZ(6),
    "focus_areas" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "revision" INTEGER NOT NULL DEFAULT 0,
    "pcr_status" TEXT NOT NULL DEFAULT 'none',
    "score" DOUBLE PRECISION,
    "momentum" TEXT,
    "badges" JSONB NOT NULL DEFAULT '[]',
    "computed_at" TIMESTAMPTZ(6),

    CONSTRAINT "partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback_response" (
    "response_id" TEXT NOT NULL,
    "partner_id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "rated_answers" INTEGER NOT NULL,
    "nps_value" DOUBLE PRECISION,
    "comment" TEXT,
    "consent_to_publish" BOOLEAN NOT NULL,
    "sentiment_score" DOUBLE PRECISION,
    "sentiment_label" TEXT,
    "submitted_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "feedback_response_pkey" PRIMARY KEY ("response_id")
);

-- CreateTable
CREATE TABLE "category_score" (
    "response_id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "partner_id" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "answers" INTEGER NOT NULL,

    CONSTRAINT "category_score_pkey" PRIMARY KEY ("response_id","category")
);

-- CreateTable
CREATE TABLE "score_record" (
    "partner_id" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "previous_score" DOUBLE PRECISION,
    "breakdown" JSONB,
    "badges" JSONB NOT NULL DEFAULT '[]',
    "window_quarter" TEXT NOT NULL,
    "response_count" INTEGER NOT NULL,
    "responses_needed" INTEGER NOT NULL,
    "confidence" JSONB,
    "trigger" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "score_record_pkey" PRIMARY KEY ("partner_id","revision")
);

-- CreateTable
CREATE TABLE "quarter_summary" (
    "partner_id" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "response_count" INTEGER NOT NULL,
    "feedback" DOUBLE PRECISION,
    "feedback_low" DOUBLE PRECISION,
    "feedback_high" DOUBLE PRECISION,
    "qualifies" BOOLEAN NOT NULL,
    "momentum" TEXT,
    "momentum_change" DOUBLE PRECISION,
    "nps_respondents" INTEGER NOT NULL DEFAULT 0,
    "promoters" INTEGER NOT NULL DEFAULT 0,
    "passives" INTEGER NOT NULL DEFAULT 0,
    "detractors" INTEGER NOT NULL DEFAULT 0,
    "nps" DOUBLE PRECISION,
    "nps_low" DOUBLE PRECISION,
    "nps_high" DOUBLE PRECISION,

    CONSTRAINT "quarter_summary_pkey" PRIMARY KEY ("partner_id","quarter")
);

-- CreateIndex
CREATE INDEX "partner_status_score_idx" ON "partner"("status", "score");

-- CreateIndex
CREATE INDEX "feedback_response_partner_id_quarter_idx" ON "feedback_response"("partner_id", "quarter");

-- CreateIndex
CREATE INDEX "feedback_response_partner_id_submitted_at_idx" ON "feedback_response"("partner_id", "submitted_at");

-- CreateIndex
CREATE INDEX "category_score_partner_id_quarter_audience_idx" ON "category_score"("partner_id", "quarter", "audience");

-- CreateIndex
CREATE INDEX "score_record_computed_at_idx" ON "score_record"("computed_at");
