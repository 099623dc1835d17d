-- AlterTable
ALTER TABLE "charges" ADD COLUMN     "refund_behaviour" TEXT NOT NULL DEFAULT 'succeeds';
