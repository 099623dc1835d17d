-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "fails_at" TIMESTAMP(3),
ADD COLUMN     "network_outcome" TEXT NOT NULL DEFAULT 'succeeds',
ADD COLUMN     "recover_at" TIMESTAMP(3),
ADD COLUMN     "settlement" TEXT NOT NULL DEFAULT 'balance_debit';

-- CreateTable
CREATE TABLE "charge_refund_totals" (
    "account" TEXT NOT NULL,
    "charge_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "charge_amount" INTEGER NOT NULL,
    "refundable" INTEGER NOT NULL,
    "refunded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "charge_refund_totals_pkey" PRIMARY KEY ("account","charge_id")
);

-- CreateTable
CREATE TABLE "idempotent_effects" (
    "account" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotent_effects_pkey" PRIMARY KEY ("account","key")
);

-- CreateIndex
CREATE INDEX "refunds_account_payment_intent_id_seq_idx" ON "refunds"("account", "payment_intent_id", "seq");

-- CreateIndex
CREATE INDEX "refunds_status_recover_at_idx" ON "refunds"("status", "recover_at");

-- CreateIndex
CREATE INDEX "refunds_status_fails_at_idx" ON "refunds"("status", "fails_at");

-- The per-charge authority's invariant, stated where no code path can skip it (Prisma does not model CHECKs).
ALTER TABLE "charge_refund_totals" ADD CONSTRAINT "charge_refund_totals_within_refundable" CHECK ("refunded" >= 0 AND "refunded" <= "refundable");
