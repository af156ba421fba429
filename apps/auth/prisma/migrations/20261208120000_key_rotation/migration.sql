-- Key rotation: a new key is published at once but signs only from `activates_at`, so every
-- service can fetch it first; `retired_at` is when an old key stops being published.
ALTER TABLE "signing_keys" ADD COLUMN "activates_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "signing_keys" SET "activates_at" = "created_at";
