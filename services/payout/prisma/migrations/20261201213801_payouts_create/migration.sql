-- AlterTable
ALTER TABLE "payouts" ALTER COLUMN "status" SET DEFAULT 'reserving';

-- CreateTable
CREATE TABLE "bank_accounts" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "country" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "routing_number" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "bank_name" TEXT,
    "account_holder_name" TEXT,
    "account_holder_type" TEXT,
    "test_failure_code" TEXT,
    "default_for_currency" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'new',
    "metadata" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "bank_accounts_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "bank_accounts_seq_key" ON "bank_accounts"("seq");

-- CreateIndex
CREATE INDEX "bank_accounts_account_seq_idx" ON "bank_accounts"("account", "seq");

-- CreateIndex
CREATE INDEX "idempotent_effects_created_at_idx" ON "idempotent_effects"("created_at");

-- CreateIndex
CREATE INDEX "payouts_status_created_idx" ON "payouts"("status", "created");
