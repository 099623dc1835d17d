-- CreateTable
CREATE TABLE "customers" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "description" TEXT,
    "phone" TEXT,
    "address" JSONB,
    "shipping" JSONB,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT,
    "invoice_prefix" TEXT NOT NULL,
    "next_invoice_sequence" INTEGER NOT NULL DEFAULT 1,
    "invoice_settings" JSONB NOT NULL,
    "preferred_locales" TEXT[],
    "tax_exempt" TEXT NOT NULL DEFAULT 'none',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "deleted_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "customers_seq_key" ON "customers"("seq");

-- CreateIndex
CREATE INDEX "customers_account_seq_idx" ON "customers"("account", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");
