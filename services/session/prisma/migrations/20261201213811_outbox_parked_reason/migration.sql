-- AlterTable
ALTER TABLE "outbox_events" ADD COLUMN     "parked_reason" TEXT;
