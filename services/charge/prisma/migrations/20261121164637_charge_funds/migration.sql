-- AlterTable
ALTER TABLE "charges" ADD COLUMN     "funds" TEXT NOT NULL DEFAULT 'standard';
