-- CreateTable
CREATE TABLE "refunds" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "charge_id" TEXT NOT NULL,
    "payment_intent_id" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "description" TEXT,
    "failure_reason" TEXT,
    "balance_transaction_id" TEXT,
    "failure_balance_transaction_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "refunds_seq_key" ON "refunds"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_balance_transaction_id_key" ON "refunds"("balance_transaction_id");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_failure_balance_transaction_id_key" ON "refunds"("failure_balance_transaction_id");

-- CreateIndex
CREATE INDEX "refunds_account_seq_idx" ON "refunds"("account", "seq");

-- CreateIndex
CREATE INDEX "refunds_account_charge_id_seq_idx" ON "refunds"("account", "charge_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");
