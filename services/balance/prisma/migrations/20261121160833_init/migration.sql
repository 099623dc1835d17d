-- CreateTable
CREATE TABLE "balance_transactions" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "fee" INTEGER NOT NULL,
    "fee_details" JSONB NOT NULL,
    "net" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "reporting_category" TEXT NOT NULL,
    "source" TEXT,
    "description" TEXT,
    "available_on" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,

    CONSTRAINT "balance_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_events" (
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "balance_transactions_seq_key" ON "balance_transactions"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "balance_transactions_event_id_key" ON "balance_transactions"("event_id");

-- CreateIndex
CREATE INDEX "balance_transactions_account_seq_idx" ON "balance_transactions"("account", "seq");

-- CreateIndex
CREATE INDEX "balance_transactions_account_currency_available_on_idx" ON "balance_transactions"("account", "currency", "available_on");
