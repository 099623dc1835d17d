-- CreateIndex
CREATE INDEX "charges_status_authorized_at_idx" ON "charges"("status", "authorized_at");
