-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "payment_rate_limit_per_minute" INTEGER,
ADD COLUMN     "rate_limit_per_minute" INTEGER;

-- A limit is a positive count (Prisma does not model CHECK constraints; they survive its diffs).
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_rate_limit_per_minute_check" CHECK ("rate_limit_per_minute" > 0),
ADD CONSTRAINT "accounts_payment_rate_limit_per_minute_check" CHECK ("payment_rate_limit_per_minute" > 0);
