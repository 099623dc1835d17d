-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "trace_context" TEXT;
