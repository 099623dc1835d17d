-- CreateTable
CREATE TABLE "invoices" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "number" TEXT,
    "customer_id" TEXT NOT NULL,
    "customer_email" TEXT,
    "customer_name" TEXT,
    "customer_phone" TEXT,
    "customer_address" JSONB,
    "currency" TEXT NOT NULL,
    "collection_method" TEXT NOT NULL DEFAULT 'charge_automatically',
    "auto_advance" BOOLEAN NOT NULL DEFAULT false,
    "billing_reason" TEXT NOT NULL DEFAULT 'manual',
    "description" TEXT,
    "footer" TEXT,
    "statement_descriptor" TEXT,
    "due_date" INTEGER,
    "period_start" INTEGER NOT NULL,
    "period_end" INTEGER NOT NULL,
    "subtotal" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "starting_balance" INTEGER NOT NULL DEFAULT 0,
    "ending_balance" INTEGER,
    "amount_due" INTEGER NOT NULL DEFAULT 0,
    "amount_paid" INTEGER NOT NULL DEFAULT 0,
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "attempted" BOOLEAN NOT NULL DEFAULT false,
    "paid_out_of_band" BOOLEAN NOT NULL DEFAULT false,
    "charge_id" TEXT,
    "payment_intent_id" TEXT,
    "finalized_at" INTEGER,
    "paid_at" INTEGER,
    "voided_at" INTEGER,
    "marked_uncollectible_at" INTEGER,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_items" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "customer_id" TEXT NOT NULL,
    "invoice_id" TEXT,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "unit_amount" INTEGER,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "description" TEXT,
    "discountable" BOOLEAN NOT NULL DEFAULT true,
    "proration" BOOLEAN NOT NULL DEFAULT false,
    "period_start" INTEGER NOT NULL,
    "period_end" INTEGER NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "invoice_items_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "invoices_seq_key" ON "invoices"("seq");

-- CreateIndex
CREATE INDEX "invoices_account_seq_idx" ON "invoices"("account", "seq");

-- CreateIndex
CREATE INDEX "invoices_account_customer_id_seq_idx" ON "invoices"("account", "customer_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_account_number_key" ON "invoices"("account", "number");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_items_seq_key" ON "invoice_items"("seq");

-- CreateIndex
CREATE INDEX "invoice_items_account_seq_idx" ON "invoice_items"("account", "seq");

-- CreateIndex
CREATE INDEX "invoice_items_invoice_id_seq_idx" ON "invoice_items"("invoice_id", "seq");

-- CreateIndex
CREATE INDEX "invoice_items_account_customer_id_invoice_id_idx" ON "invoice_items"("account", "customer_id", "invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "invoice_items" ADD CONSTRAINT "invoice_items_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE SET NULL ON UPDATE CASCADE;
