-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "automatically_finalizes_at" INTEGER,
ADD COLUMN     "balance_applied_total" INTEGER,
ADD COLUMN     "balance_release_pending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "customer_shipping" JSONB,
ADD COLUMN     "customer_tax_exempt" TEXT,
ADD COLUMN     "days_until_due" INTEGER,
ADD COLUMN     "default_payment_method" TEXT,
ADD COLUMN     "hosted_secret" TEXT,
ADD COLUMN     "payment_attempt" INTEGER,
ADD COLUMN     "payment_attempt_method" TEXT,
ADD COLUMN     "payment_attempt_return_url" TEXT,
ADD COLUMN     "sent_at" INTEGER,
ADD COLUMN     "sweep_at" INTEGER;

-- CreateTable
CREATE TABLE "invoice_number_sequences" (
    "account" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "invoice_number_sequences_pkey" PRIMARY KEY ("account","prefix")
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
CREATE INDEX "idempotent_effects_created_at_idx" ON "idempotent_effects"("created_at");

-- CreateIndex
CREATE INDEX "invoices_sweep_at_idx" ON "invoices"("sweep_at");
