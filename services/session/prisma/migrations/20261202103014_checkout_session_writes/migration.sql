-- AlterTable
ALTER TABLE "checkout_session_line_items" ADD COLUMN     "price_id" TEXT,
ADD COLUMN     "product_description" TEXT,
ADD COLUMN     "product_id" TEXT;

-- AlterTable
ALTER TABLE "checkout_sessions" ADD COLUMN     "buyer" JSONB,
ADD COLUMN     "created_customer_id" TEXT,
ADD COLUMN     "page_secret" TEXT,
ADD COLUMN     "payment_intent_data" JSONB;

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
CREATE INDEX "checkout_sessions_account_payment_intent_id_seq_idx" ON "checkout_sessions"("account", "payment_intent_id", "seq");

-- CreateIndex
CREATE INDEX "checkout_sessions_account_status_seq_idx" ON "checkout_sessions"("account", "status", "seq");

-- CreateIndex
CREATE INDEX "checkout_sessions_status_expires_at_idx" ON "checkout_sessions"("status", "expires_at");
