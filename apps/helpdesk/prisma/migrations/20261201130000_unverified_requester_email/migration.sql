-- A ticket keeps the requester's email only when auth verified it (the token's email_verified).
ALTER TABLE "tickets" ALTER COLUMN "requester_email" DROP NOT NULL;
