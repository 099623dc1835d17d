-- AlterTable
ALTER TABLE "balance_transactions" ALTER COLUMN "event_id" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "balance_transactions_account_source_type_key" ON "balance_transactions"("account", "source", "type");
