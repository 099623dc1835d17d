-- CreateTable
CREATE TABLE "charges" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "amount_captured" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "captured" BOOLEAN NOT NULL,
    "balance_transaction_id" TEXT,
    "description" TEXT,
    "receipt_email" TEXT,
    "statement_descriptor" TEXT,
    "statement_descriptor_suffix" TEXT,
    "failure_code" TEXT,
    "failure_message" TEXT,
    "outcome" JSONB NOT NULL,
    "payment_method_id" TEXT NOT NULL,
    "card" JSONB NOT NULL,
    "billing_details" JSONB NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "charges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "seq" BIGSERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMP(3),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "charges_seq_key" ON "charges"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "charges_balance_transaction_id_key" ON "charges"("balance_transaction_id");

-- CreateIndex
CREATE INDEX "charges_account_seq_idx" ON "charges"("account", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");
