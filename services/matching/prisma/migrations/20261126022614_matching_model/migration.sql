-- CreateEnum
CREATE TYPE "lead_stage" AS ENUM ('new', 'contacted', 'meeting_scheduled', 'proposal', 'won', 'lost');

-- CreateEnum
CREATE TYPE "lead_party" AS ENUM ('partner', 'contractor');

-- CreateEnum
CREATE TYPE "match_trigger" AS ENUM ('on_demand', 'profile_changed');

-- CreateTable
CREATE TABLE "contractor" (
    "id" UUID NOT NULL,
    "company_name" TEXT NOT NULL,
    "revenue_tier" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "focus_areas" TEXT[],
    "goals" TEXT[],
    "capabilities_needed" TEXT[],
    "contact_name" TEXT NOT NULL,
    "contact_email" TEXT NOT NULL,
    "contact_phone" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contractor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_partner" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "company_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payment_tier" TEXT,
    "focus_areas" TEXT[],
    "capabilities" TEXT[],
    "service_regions" TEXT[],
    "revenue_tiers" TEXT[],
    "pcr_score" DOUBLE PRECISION,
    "pcr_revision" INTEGER NOT NULL DEFAULT 0,
    "status_changed_at" TIMESTAMPTZ(6),
    "profile_at" TIMESTAMPTZ(6),
    "sync_seq" BIGSERIAL NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "match_partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_run" (
    "id" UUID NOT NULL,
    "contractor_id" UUID NOT NULL,
    "algorithm_version" TEXT NOT NULL,
    "trigger" "match_trigger" NOT NULL,
    "primary_partner_id" UUID,
    "eligible_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "match_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_result" (
    "match_id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "components" JSONB NOT NULL,
    "reasons" TEXT[],
    "pcr_score" DOUBLE PRECISION,
    "is_primary" BOOLEAN NOT NULL,
    "lead_id" UUID,

    CONSTRAINT "match_result_pkey" PRIMARY KEY ("match_id","partner_id")
);

-- CreateTable
CREATE TABLE "lead" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "contractor_id" UUID NOT NULL,
    "match_id" UUID NOT NULL,
    "status" "lead_stage" NOT NULL DEFAULT 'new',
    "value" INTEGER,
    "stage_entered_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_stage_visit" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "lead_id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "stage" "lead_stage" NOT NULL,
    "entered_at" TIMESTAMPTZ(6) NOT NULL,
    "left_at" TIMESTAMPTZ(6),
    "changed_by_user_id" UUID,

    CONSTRAINT "lead_stage_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_note" (
    "id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "author_user_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_message" (
    "id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "sender" "lead_party" NOT NULL,
    "author_user_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "match_partner_sync_seq_idx" ON "match_partner"("sync_seq");

-- CreateIndex
CREATE INDEX "match_partner_status_idx" ON "match_partner"("status");

-- CreateIndex
CREATE INDEX "match_run_contractor_id_created_at_idx" ON "match_run"("contractor_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "match_result_partner_id_idx" ON "match_result"("partner_id");

-- CreateIndex
CREATE INDEX "lead_partner_id_status_created_at_idx" ON "lead"("partner_id", "status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "lead_partner_id_created_at_idx" ON "lead"("partner_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "lead_contractor_id_idx" ON "lead"("contractor_id");

-- CreateIndex
CREATE UNIQUE INDEX "lead_partner_id_contractor_id_key" ON "lead"("partner_id", "contractor_id");

-- CreateIndex
CREATE INDEX "lead_stage_visit_lead_id_entered_at_idx" ON "lead_stage_visit"("lead_id", "entered_at");

-- CreateIndex
CREATE INDEX "lead_stage_visit_partner_id_stage_idx" ON "lead_stage_visit"("partner_id", "stage");

-- CreateIndex
CREATE INDEX "lead_note_lead_id_created_at_idx" ON "lead_note"("lead_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_message_lead_id_created_at_idx" ON "lead_message"("lead_id", "created_at");

-- AddForeignKey
ALTER TABLE "match_result" ADD CONSTRAINT "match_result_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "match_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_stage_visit" ADD CONSTRAINT "lead_stage_visit_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_note" ADD CONSTRAINT "lead_note_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_message" ADD CONSTRAINT "lead_message_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
