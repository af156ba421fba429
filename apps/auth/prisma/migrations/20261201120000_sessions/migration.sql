-- Server-side sessions for the classic login flow (POST /auth/session/login). Hand-written like
-- every migration here (packages/database says why).

-- CreateTable: connect-pg-simple's store (`tableName: 'sessions'`). `sess` is express-session's data;
-- passport keeps the user's id at `sess #>> '{passport,user}'`.
CREATE TABLE "sessions" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("sid")
);

-- CreateTable: one row (`id` 1) holding the secret that signs the session cookie.
CREATE TABLE "session_secrets" (
    "id" INTEGER NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: the store prunes expired sessions by `expire`.
CREATE INDEX "sessions_expire_idx" ON "sessions"("expire");
