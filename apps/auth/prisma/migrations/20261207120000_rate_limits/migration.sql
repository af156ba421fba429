-- Throttling counters, shared by every auth replica (src/throttling). Hand-written like every
-- migration here (packages/database says why).

-- CreateTable: rate-limiter-flexible's RateLimiterPostgres store, used with `tableCreated: true`
-- so the library never creates or alters it. It inserts positionally (`VALUES ($1, $2, $3)`), so
-- the columns keep this order. `expire` is when the counter's window ends, in milliseconds since
-- the epoch (the library's format); an expired row counts as absent and is overwritten.
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex: the library deletes long-expired rows by `expire` every few minutes.
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits"("expire");
