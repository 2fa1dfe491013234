-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('CUSTOMER', 'EMPLOYEE');

-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('PRE_ONBOARDING', 'QUARTERLY', 'MANUAL');

-- CreateEnum
CREATE TYPE "CampaignState" AS ENUM ('OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "survey_template" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "audience" "Audience" NOT NULL,
    "name" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(6),

    CONSTRAINT "survey_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_template_version" (
    "template_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "questions" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_template_version_pkey" PRIMARY KEY ("template_id","version")
);

-- CreateTable
CREATE TABLE "partner" (
    "id" UUID NOT NULL,
    "company_name" TEXT,
    "slug" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "status_changed_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_reference" (
    "id" TEXT NOT NULL,
    "partner_id" UUID NOT NULL,
    "audience" "Audience" NOT NULL,
    "name" TEXT NOT NULL,
    "company" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "opted_out_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_reference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "partner_id" UUID NOT NULL,
    "kind" "CampaignKind" NOT NULL,
    "quarter" TEXT NOT NULL,
    "state" "CampaignState" NOT NULL DEFAULT 'OPEN',
    "dedupe_key" TEXT,
    "customer_template_id" UUID NOT NULL,
    "customer_template_version" INTEGER NOT NULL,
    "employee_template_id" UUID NOT NULL,
    "employee_template_version" INTEGER NOT NULL,
    "recipient_count" INTEGER NOT NULL DEFAULT 0,
    "invitation_count" INTEGER NOT NULL DEFAULT 0,
    "reminder_count" INTEGER NOT NULL DEFAULT 0,
    "response_count" INTEGER NOT NULL DEFAULT 0,
    "opens_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closes_at" TIMESTAMPTZ(6) NOT NULL,
    "closed_at" TIMESTAMPTZ(6),
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recipient" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "campaign_id" UUID NOT NULL,
    "reference_id" TEXT NOT NULL,
    "audience" "Audience" NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "submission_id" UUID,
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "last_messaged_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_link" (
    "token_hash" TEXT NOT NULL,
    "recipient_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_link_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "response" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "quarter" TEXT NOT NULL,
    "audience" "Audience" NOT NULL,
    "template_id" UUID NOT NULL,
    "template_version" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "comment" TEXT,
    "consent_to_publish" BOOLEAN NOT NULL DEFAULT false,
    "submitted_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_window" (
    "partner_id" UUID NOT NULL,
    "quarter" TEXT NOT NULL,
    "response_count" INTEGER NOT NULL DEFAULT 0,
    "threshold_reached_at" TIMESTAMPTZ(6),

    CONSTRAINT "response_window_pkey" PRIMARY KEY ("partner_id","quarter")
);

-- CreateTable
CREATE TABLE "job_run" (
    "job" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "fence" INTEGER NOT NULL DEFAULT 1,
    "owner" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),
    "created" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("job","period")
);

-- CreateIndex
CREATE INDEX "survey_template_audience_is_default_idx" ON "survey_template"("audience", "is_default");

-- CreateIndex
CREATE INDEX "partner_status_idx" ON "partner"("status");

-- CreateIndex
CREATE INDEX "partner_reference_partner_id_idx" ON "partner_reference"("partner_id");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_dedupe_key_key" ON "campaign"("dedupe_key");

-- CreateIndex
CREATE INDEX "campaign_partner_id_quarter_idx" ON "campaign"("partner_id", "quarter");

-- CreateIndex
CREATE INDEX "campaign_quarter_idx" ON "campaign"("quarter");

-- CreateIndex
CREATE INDEX "campaign_state_closes_at_idx" ON "campaign"("state", "closes_at");

-- CreateIndex
CREATE INDEX "recipient_used_at_last_messaged_at_idx" ON "recipient"("used_at", "last_messaged_at");

-- CreateIndex
CREATE UNIQUE INDEX "recipient_campaign_id_reference_id_key" ON "recipient"("campaign_id", "reference_id");

-- CreateIndex
CREATE INDEX "survey_link_recipient_id_idx" ON "survey_link"("recipient_id");

-- CreateIndex
CREATE UNIQUE INDEX "response_recipient_id_key" ON "response"("recipient_id");

-- CreateIndex
CREATE INDEX "response_campaign_id_idx" ON "response"("campaign_id");

-- CreateIndex
CREATE INDEX "response_partner_id_quarter_idx" ON "response"("partner_id", "quarter");

-- CreateIndex
CREATE INDEX "job_run_job_started_at_idx" ON "job_run"("job", "started_at");

-- AddForeignKey
ALTER TABLE "survey_template_version" ADD CONSTRAINT "survey_template_version_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "survey_template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_reference" ADD CONSTRAINT "partner_reference_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipient" ADD CONSTRAINT "recipient_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_link" ADD CONSTRAINT "survey_link_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "recipient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response" ADD CONSTRAINT "response_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response" ADD CONSTRAINT "response_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "recipient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
