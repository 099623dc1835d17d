-- CreateTable
CREATE TABLE "payouts" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "arrival_date" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "method" TEXT NOT NULL DEFAULT 'standard',
    "type" TEXT NOT NULL DEFAULT 'bank_account',
    "source_type" TEXT NOT NULL DEFAULT 'card',
    "destination" TEXT,
    "description" TEXT,
    "statement_descriptor" TEXT,
    "reconciliation_status" TEXT NOT NULL DEFAULT 'not_applicable',
    "balance_transaction_id" TEXT,
    "failure_balance_transaction_id" TEXT,
    "failure_code" TEXT,
    "failure_message" TEXT,
    "original_payout_id" TEXT,
    "reversed_by_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payouts_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "payouts_seq_key" ON "payouts"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_balance_transaction_id_key" ON "payouts"("balance_transaction_id");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_failure_balance_transaction_id_key" ON "payouts"("failure_balance_transaction_id");

-- CreateIndex
CREATE INDEX "payouts_account_seq_idx" ON "payouts"("account", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");
