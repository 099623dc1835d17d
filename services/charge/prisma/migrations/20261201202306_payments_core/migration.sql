-- AlterTable
ALTER TABLE "charges" ADD COLUMN     "authorized_at" INTEGER,
ADD COLUMN     "customer" TEXT,
ADD COLUMN     "fraud_details" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "payment_intent_id" TEXT,
ADD COLUMN     "shipping" JSONB;

-- CreateTable
CREATE TABLE "vault_cards" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "iv" BYTEA NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "auth_tag" BYTEA NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "created" INTEGER NOT NULL,

    CONSTRAINT "vault_cards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tokens" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "card_id" TEXT NOT NULL,
    "card" JSONB NOT NULL,
    "client_ip" TEXT,
    "used" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_methods" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'card',
    "vault_card_id" TEXT NOT NULL,
    "card" JSONB NOT NULL,
    "billing_details" JSONB NOT NULL,
    "customer" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "payment_methods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_intents" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "client_secret" TEXT NOT NULL,
    "capture_method" TEXT NOT NULL,
    "confirmation_method" TEXT NOT NULL,
    "amount_capturable" INTEGER NOT NULL DEFAULT 0,
    "amount_received" INTEGER NOT NULL DEFAULT 0,
    "customer" TEXT,
    "payment_method_id" TEXT,
    "payment_method_types" JSONB NOT NULL,
    "automatic_payment_methods" JSONB,
    "latest_charge_id" TEXT,
    "last_payment_error" JSONB,
    "next_action" JSONB,
    "canceled_at" INTEGER,
    "cancellation_reason" TEXT,
    "description" TEXT,
    "receipt_email" TEXT,
    "return_url" TEXT,
    "setup_future_usage" TEXT,
    "shipping" JSONB,
    "statement_descriptor" TEXT,
    "statement_descriptor_suffix" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "authorized_at" INTEGER,

    CONSTRAINT "payment_intents_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "vault_cards_key_id_idx" ON "vault_cards"("key_id");

-- CreateIndex
CREATE UNIQUE INDEX "tokens_seq_key" ON "tokens"("seq");

-- CreateIndex
CREATE INDEX "tokens_account_seq_idx" ON "tokens"("account", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "payment_methods_seq_key" ON "payment_methods"("seq");

-- CreateIndex
CREATE INDEX "payment_methods_account_seq_idx" ON "payment_methods"("account", "seq");

-- CreateIndex
CREATE INDEX "payment_methods_account_customer_seq_idx" ON "payment_methods"("account", "customer", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "payment_intents_seq_key" ON "payment_intents"("seq");

-- CreateIndex
CREATE INDEX "payment_intents_account_seq_idx" ON "payment_intents"("account", "seq");

-- CreateIndex
CREATE INDEX "payment_intents_account_customer_seq_idx" ON "payment_intents"("account", "customer", "seq");

-- CreateIndex
CREATE INDEX "payment_intents_status_authorized_at_idx" ON "payment_intents"("status", "authorized_at");

-- CreateIndex
CREATE INDEX "charges_account_customer_seq_idx" ON "charges"("account", "customer", "seq");

-- CreateIndex
CREATE INDEX "charges_account_payment_intent_id_idx" ON "charges"("account", "payment_intent_id");
