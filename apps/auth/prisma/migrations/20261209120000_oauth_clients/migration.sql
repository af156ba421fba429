-- OAuth clients: applications that get tokens for themselves with the client credentials grant
-- (RFC 6749 §4.4). Hand-written like every migration here (packages/database says why).

-- CreateTable: the secret only as its SHA-256 (hex); a revoked client keeps its row, so its id
-- can never be handed to another application.
CREATE TABLE "oauth_clients" (
    "client_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "audiences" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "oauth_clients_pkey" PRIMARY KEY ("client_id")
);

-- CreateIndex: the list is read newest first.
CREATE INDEX "oauth_clients_created_at_idx" ON "oauth_clients"("created_at");
