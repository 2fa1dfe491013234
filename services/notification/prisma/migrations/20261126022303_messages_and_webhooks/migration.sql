-- CreateTable
CREATE TABLE "message" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en-US',
    "time_zone" TEXT,
    "subject" TEXT,
    "body_text" TEXT NOT NULL,
    "body_html" TEXT,
    "campaign_id" UUID,
    "recipient_id" TEXT,
    "partner_id" UUID,
    "invitation_id" TEXT,
    "cause_event_id" TEXT,
    "cause_event_type" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sending_since" TIMESTAMPTZ(6),
    "provider" TEXT,
    "provider_id" TEXT,
    "error_code" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppression" (
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppression_pkey" PRIMARY KEY ("channel","address")
);

-- CreateTable
CREATE TABLE "contact" (
    "user_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "partner_contact" (
    "partner_id" UUID NOT NULL,
    "owner_user_id" TEXT,
    "company_name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_contact_pkey" PRIMARY KEY ("partner_id")
);

-- CreateTable
CREATE TABLE "webhook_subscription" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "event_types" TEXT[],
    "description" TEXT,
    "secret" TEXT NOT NULL,
    "owner_partner_id" UUID,
    "owner_user_id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_at" TIMESTAMPTZ(6),
    "disabled_reason" TEXT,
    "failing_since" TIMESTAMPTZ(6),
    "lease_until" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "subscription_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_status" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(6),

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempt" (
    "id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "response_status" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "message_dedupe_key_key" ON "message"("dedupe_key");

-- CreateIndex
CREATE INDEX "message_due_idx" ON "message"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "message_campaign_idx" ON "message"("campaign_id", "status");

-- CreateIndex
CREATE INDEX "message_created_idx" ON "message"("created_at");

-- CreateIndex
CREATE INDEX "message_provider_id_idx" ON "message"("provider_id");

-- CreateIndex
CREATE INDEX "webhook_subscription_owner_idx" ON "webhook_subscription"("owner_partner_id");

-- CreateIndex
CREATE INDEX "webhook_subscription_enabled_idx" ON "webhook_subscription"("enabled");

-- CreateIndex
CREATE INDEX "webhook_delivery_queue_idx" ON "webhook_delivery"("subscription_id", "status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_event_key" ON "webhook_delivery"("subscription_id", "event_id");

-- CreateIndex
CREATE INDEX "webhook_attempt_delivery_idx" ON "webhook_attempt"("delivery_id", "attempt");

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempt" ADD CONSTRAINT "webhook_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
