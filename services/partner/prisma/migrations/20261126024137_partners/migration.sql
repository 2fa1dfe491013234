-- CreateEnum
CREATE TYPE "PartnerStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'ACTIVE', 'INACTIVE', 'REJECTED');

-- CreateEnum
CREATE TYPE "PaymentTier" AS ENUM ('FREE', 'VERIFIED', 'GOLD');

-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('CUSTOMER', 'EMPLOYEE');

-- CreateTable
CREATE TABLE "partner" (
    "id" UUID NOT NULL,
    "owner_user_id" UUID,
    "status" "PartnerStatus" NOT NULL DEFAULT 'DRAFT',
    "payment_tier" "PaymentTier" NOT NULL DEFAULT 'FREE',
    "company_name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "website" TEXT,
    "description" TEXT,
    "logo_url" TEXT,
    "contact_email" TEXT,
    "contact_phone" TEXT,
    "address" JSONB,
    "capabilities" JSONB NOT NULL DEFAULT '[]',
    "focus_areas" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "revenue_tiers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "service_regions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "videos" JSONB NOT NULL DEFAULT '[]',
    "completed_steps" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "profile_completion" INTEGER NOT NULL DEFAULT 0,
    "rejection_reason" TEXT,
    "pcr_score" DECIMAL(5,2),
    "search_vector" tsvector,
    "submitted_at" TIMESTAMPTZ(6),
    "approved_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_reference" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "audience" "Audience" NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "company" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,

    CONSTRAINT "partner_reference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_slug_history" (
    "slug" TEXT NOT NULL,
    "partner_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_slug_history_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "partner_id" UUID NOT NULL,
    "actor_user_id" UUID,
    "actor_role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_score" (
    "partner_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "score" DECIMAL(5,2),
    "breakdown" JSONB,
    "confidence" JSONB,
    "badges" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "momentum" TEXT NOT NULL DEFAULT 'stable',
    "response_count" INTEGER NOT NULL DEFAULT 0,
    "responses_needed" INTEGER NOT NULL DEFAULT 5,
    "computed_at" TIMESTAMPTZ(6) NOT NULL,
    "revision" INTEGER NOT NULL,

    CONSTRAINT "partner_score_pkey" PRIMARY KEY ("partner_id")
);

-- CreateTable
CREATE TABLE "testimonial" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "partner_id" UUID NOT NULL,
    "response_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "audience" "Audience" NOT NULL,
    "quarter" TEXT NOT NULL,
    "rating" INTEGER,
    "submitted_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "testimonial_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "partner_slug_key" ON "partner"("slug");

-- CreateIndex
CREATE INDEX "partner_created_at_id_idx" ON "partner"("created_at", "id");

-- CreateIndex
CREATE INDEX "partner_status_created_at_id_idx" ON "partner"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX "partner_payment_tier_created_at_id_idx" ON "partner"("payment_tier", "created_at", "id");

-- CreateIndex
CREATE INDEX "partner_company_name_id_idx" ON "partner"("company_name", "id");

-- CreateIndex
CREATE INDEX "partner_pcr_score_id_idx" ON "partner"("pcr_score", "id");

-- CreateIndex
CREATE INDEX "partner_focus_areas_idx" ON "partner" USING GIN ("focus_areas");

-- CreateIndex
CREATE INDEX "partner_service_regions_idx" ON "partner" USING GIN ("service_regions");

-- CreateIndex
CREATE INDEX "partner_search_vector_idx" ON "partner" USING GIN ("search_vector");

-- CreateIndex
CREATE UNIQUE INDEX "partner_owner_user_id_key" ON "partner"("owner_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "partner_reference_partner_id_email_key" ON "partner_reference"("partner_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "partner_reference_partner_id_audience_position_key" ON "partner_reference"("partner_id", "audience", "position");

-- CreateIndex
CREATE INDEX "partner_slug_history_partner_id_idx" ON "partner_slug_history"("partner_id");

-- CreateIndex
CREATE INDEX "audit_entry_partner_id_created_at_idx" ON "audit_entry"("partner_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "testimonial_response_id_key" ON "testimonial"("response_id");

-- CreateIndex
CREATE INDEX "testimonial_partner_id_submitted_at_idx" ON "testimonial"("partner_id", "submitted_at");

-- AddForeignKey
ALTER TABLE "partner_reference" ADD CONSTRAINT "partner_reference_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_slug_history" ADD CONSTRAINT "partner_slug_history_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_score" ADD CONSTRAINT "partner_score_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "testimonial" ADD CONSTRAINT "testimonial_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

