-- CreateTable
CREATE TABLE "checkout_sessions" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "payment_status" TEXT NOT NULL,
    "amount_subtotal" INTEGER,
    "amount_total" INTEGER,
    "currency" TEXT,
    "customer_id" TEXT,
    "customer_email" TEXT,
    "customer_details" JSONB,
    "customer_creation" TEXT,
    "client_reference_id" TEXT,
    "success_url" TEXT,
    "cancel_url" TEXT,
    "locale" TEXT,
    "submit_type" TEXT,
    "billing_address_collection" TEXT,
    "payment_method_types" TEXT[],
    "payment_intent_id" TEXT,
    "invoice_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "checkout_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checkout_session_line_items" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "checkout_session_id" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "unit_amount" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amount_subtotal" INTEGER NOT NULL,
    "amount_discount" INTEGER NOT NULL DEFAULT 0,
    "amount_tax" INTEGER NOT NULL DEFAULT 0,
    "amount_total" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,

    CONSTRAINT "checkout_session_line_items_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "checkout_sessions_seq_key" ON "checkout_sessions"("seq");

-- CreateIndex
CREATE INDEX "checkout_sessions_account_seq_idx" ON "checkout_sessions"("account", "seq");

-- CreateIndex
CREATE INDEX "checkout_sessions_account_customer_id_seq_idx" ON "checkout_sessions"("account", "customer_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "checkout_session_line_items_seq_key" ON "checkout_session_line_items"("seq");

-- CreateIndex
CREATE INDEX "checkout_session_line_items_account_seq_idx" ON "checkout_session_line_items"("account", "seq");

-- CreateIndex
CREATE INDEX "checkout_session_line_items_checkout_session_id_seq_idx" ON "checkout_session_line_items"("checkout_session_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "checkout_session_line_items" ADD CONSTRAINT "checkout_session_line_items_checkout_session_id_fkey" FOREIGN KEY ("checkout_session_id") REFERENCES "checkout_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
