-- DropIndex
DROP INDEX "outbox_event_pending_idx";

-- AlterTable
ALTER TABLE "outbox_event" ADD COLUMN     "parked_at" TIMESTAMPTZ(6),
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "outbox_event_pending_idx" ON "outbox_event"("sent_at", "parked_at", "created_at", "seq");
