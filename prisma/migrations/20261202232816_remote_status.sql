-- migrate:up
-- AlterTable
ALTER TABLE "Company" ADD COLUMN     "statusCheckMinutes" INTEGER NOT NULL DEFAULT 15;

-- AlterTable
ALTER TABLE "SyncRecord" ADD COLUMN     "billKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "billState" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "billTotalCents" BIGINT,
ADD COLUMN     "drift" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "driftDetails" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "dueCents" BIGINT,
ADD COLUMN     "paidAt" TIMESTAMP(3),
ADD COLUMN     "paidCents" BIGINT,
ADD COLUMN     "remoteCheckedAt" TIMESTAMP(3),
ADD COLUMN     "remoteModifiedAt" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "RemoteStatusMark" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "highWaterMark" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemoteStatusMark_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusCheck" (
    "companyId" UUID NOT NULL,
    "running" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT NOT NULL DEFAULT '',
    "changed" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "nextDueAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusCheck_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "href" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RemoteStatusMark_companyId_object_key" ON "RemoteStatusMark"("companyId", "object");

-- CreateIndex
CREATE INDEX "Notice_companyId_userId_readAt_createdAt_idx" ON "Notice"("companyId", "userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "SyncRecord_companyId_intacctKey_idx" ON "SyncRecord"("companyId", "intacctKey");

-- AddForeignKey
ALTER TABLE "RemoteStatusMark" ADD CONSTRAINT "RemoteStatusMark_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusCheck" ADD CONSTRAINT "StatusCheck_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- migrate:down
-- DropForeignKey
ALTER TABLE "RemoteStatusMark" DROP CONSTRAINT "RemoteStatusMark_companyId_fkey";

-- DropForeignKey
ALTER TABLE "StatusCheck" DROP CONSTRAINT "StatusCheck_companyId_fkey";

-- DropForeignKey
ALTER TABLE "Notice" DROP CONSTRAINT "Notice_companyId_fkey";

-- DropForeignKey
ALTER TABLE "Notice" DROP CONSTRAINT "Notice_userId_fkey";

-- DropIndex
DROP INDEX "SyncRecord_companyId_intacctKey_idx";

-- AlterTable
ALTER TABLE "Company" DROP COLUMN "statusCheckMinutes";

-- AlterTable
ALTER TABLE "SyncRecord" DROP COLUMN "billKey",
DROP COLUMN "billState",
DROP COLUMN "billTotalCents",
DROP COLUMN "drift",
DROP COLUMN "driftDetails",
DROP COLUMN "dueCents",
DROP COLUMN "paidAt",
DROP COLUMN "paidCents",
DROP COLUMN "remoteCheckedAt",
DROP COLUMN "remoteModifiedAt";

-- DropTable
DROP TABLE "RemoteStatusMark";

-- DropTable
DROP TABLE "StatusCheck";

-- DropTable
DROP TABLE "Notice";

