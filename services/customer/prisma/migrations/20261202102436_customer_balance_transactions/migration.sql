-- CreateTable
CREATE TABLE "customer_balance_transactions" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "ending_balance" INTEGER NOT NULL,
    "description" TEXT,
    "invoice_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "customer_balance_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_balance_applications" (
    "invoice_id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "applied" BOOLEAN NOT NULL,
    "total" INTEGER,
    "starting_balance" INTEGER,
    "ending_balance" INTEGER,
    "amount_due" INTEGER,
    "carried_to_balance" BOOLEAN,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "released_at" TIMESTAMP(3),
    "release_starting_balance" INTEGER,
    "release_ending_balance" INTEGER,

    CONSTRAINT "invoice_balance_applications_pkey" PRIMARY KEY ("invoice_id")
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
CREATE UNIQUE INDEX "customer_balance_transactions_seq_key" ON "customer_balance_transactions"("seq");

-- CreateIndex
CREATE INDEX "customer_balance_transactions_account_customer_id_seq_idx" ON "customer_balance_transactions"("account", "customer_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "customer_balance_transactions_invoice_id_type_key" ON "customer_balance_transactions"("invoice_id", "type");

-- CreateIndex
CREATE INDEX "idempotent_effects_created_at_idx" ON "idempotent_effects"("created_at");

-- AddForeignKey
ALTER TABLE "customer_balance_transactions" ADD CONSTRAINT "customer_balance_transactions_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing balances become each customer's first transaction (type initial), so that from here on a
-- customer's balance is the sum of its transactions. A balance set without a currency is in usd,
-- Paygate's default settlement currency, which the customer then takes (as a balance transaction would).
UPDATE "customers" SET "currency" = 'usd' WHERE "balance" <> 0 AND "currency" IS NULL;

INSERT INTO "customer_balance_transactions" ("id", "account", "customer_id", "created", "type", "amount", "currency", "ending_balance")
SELECT 'cbtxn_' || substr(md5(random()::text || c."id"), 1, 24), c."account", c."id", c."created", 'initial', c."balance", c."currency", c."balance"
FROM "customers" c
WHERE c."balance" <> 0
ORDER BY c."seq";
