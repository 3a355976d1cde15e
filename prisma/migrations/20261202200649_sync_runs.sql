-- migrate:up
-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('RUNNING', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SyncRunItemStatus" AS ENUM ('QUEUED', 'SENDING', 'SYNCED', 'FAILED', 'SKIPPED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Company" ADD COLUMN     "syncOnApproval" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "startedById" UUID,
    "startedByName" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRunItem" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "dependsOnId" UUID,
    "status" "SyncRunItemStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT NOT NULL DEFAULT '',
    "fixHref" TEXT NOT NULL DEFAULT '',
    "fixLabel" TEXT NOT NULL DEFAULT '',
    "nextAttemptAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncRun_companyId_createdAt_idx" ON "SyncRun"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "SyncRunItem_runId_position_idx" ON "SyncRunItem"("runId", "position");

-- CreateIndex
CREATE INDEX "SyncRunItem_companyId_itemType_itemId_status_idx" ON "SyncRunItem"("companyId", "itemType", "itemId", "status");

-- CreateIndex
CREATE INDEX "SyncRunItem_dependsOnId_idx" ON "SyncRunItem"("dependsOnId");

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRunItem" ADD CONSTRAINT "SyncRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- migrate:down
-- DropForeignKey
ALTER TABLE "SyncRun" DROP CONSTRAINT "SyncRun_companyId_fkey";

-- DropForeignKey
ALTER TABLE "SyncRunItem" DROP CONSTRAINT "SyncRunItem_runId_fkey";

-- AlterTable
ALTER TABLE "Company" DROP COLUMN "syncOnApproval";

-- DropTable
DROP TABLE "SyncRun";

-- DropTable
DROP TABLE "SyncRunItem";

-- DropEnum
DROP TYPE "SyncRunStatus";

-- DropEnum
DROP TYPE "SyncRunItemStatus";

