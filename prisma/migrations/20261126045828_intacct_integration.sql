-- migrate:up
-- CreateEnum
CREATE TYPE "IntegrationProvider" AS ENUM ('SAGE_INTACCT');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('CONNECTED', 'NEEDS_ATTENTION', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "ReferenceType" AS ENUM ('VENDOR', 'PROJECT', 'ENTITY', 'GL_ACCOUNT', 'STANDARD_TASK', 'STANDARD_COST_TYPE', 'ITEM', 'TRANSACTION_DEFINITION', 'TASK', 'COST_TYPE');

-- CreateEnum
CREATE TYPE "RefreshStatus" AS ENUM ('IDLE', 'RUNNING', 'FAILED');

-- CreateEnum
CREATE TYPE "SyncState" AS ENUM ('NOT_SYNCED', 'SYNCING', 'SYNCED', 'FAILED', 'UNKNOWN');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "intacctEntityId" TEXT,
ADD COLUMN     "intacctGlAccount" TEXT,
ADD COLUMN     "intacctProjectId" TEXT;

-- AlterTable
ALTER TABLE "AccountingCompany" ADD COLUMN     "intacctVendorId" TEXT;

-- AlterTable
ALTER TABLE "CostCode" ADD COLUMN     "intacctStandardTaskId" TEXT;

-- CreateTable
CREATE TABLE "IntegrationConnection" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "provider" "IntegrationProvider" NOT NULL,
    "status" "ConnectionStatus" NOT NULL,
    "externalCompanyId" TEXT NOT NULL DEFAULT '',
    "senderId" TEXT NOT NULL DEFAULT '',
    "userId" TEXT NOT NULL DEFAULT '',
    "encryptedSecrets" TEXT,
    "lastCheckedAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT NOT NULL DEFAULT '',
    "probes" JSONB NOT NULL DEFAULT '[]',
    "options" JSONB NOT NULL DEFAULT '{}',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntegrationConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "actorId" UUID,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntacctReference" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "type" "ReferenceType" NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "recordNo" TEXT NOT NULL DEFAULT '',
    "scope" TEXT NOT NULL DEFAULT '',
    "parentId" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "data" JSONB NOT NULL DEFAULT '{}',
    "whenModified" TEXT NOT NULL DEFAULT '',
    "refreshedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntacctReference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceRefresh" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "type" "ReferenceType" NOT NULL,
    "status" "RefreshStatus" NOT NULL DEFAULT 'IDLE',
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "highWaterMark" TEXT NOT NULL DEFAULT '',
    "processed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ReferenceRefresh_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRecord" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" UUID NOT NULL,
    "state" "SyncState" NOT NULL DEFAULT 'NOT_SYNCED',
    "generation" INTEGER NOT NULL DEFAULT 1,
    "claimedAt" TIMESTAMP(3),
    "claimedById" UUID,
    "intacctKey" TEXT NOT NULL DEFAULT '',
    "intacctRecordNo" TEXT NOT NULL DEFAULT '',
    "intacctState" TEXT NOT NULL DEFAULT '',
    "intacctDetails" JSONB NOT NULL DEFAULT '{}',
    "lastErrorCode" TEXT NOT NULL DEFAULT '',
    "lastError" TEXT NOT NULL DEFAULT '',
    "syncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncAttempt" (
    "id" UUID NOT NULL,
    "syncRecordId" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "actorId" UUID,
    "actorName" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "intacctKey" TEXT NOT NULL DEFAULT '',
    "errorCode" TEXT NOT NULL DEFAULT '',
    "errorMessage" TEXT NOT NULL DEFAULT '',
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "requestXml" TEXT NOT NULL DEFAULT '',
    "responseXml" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SyncAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationConnection_companyId_provider_key" ON "IntegrationConnection"("companyId", "provider");

-- CreateIndex
CREATE INDEX "AuditLog_companyId_createdAt_idx" ON "AuditLog"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "IntacctReference_companyId_type_active_name_idx" ON "IntacctReference"("companyId", "type", "active", "name");

-- CreateIndex
CREATE UNIQUE INDEX "IntacctReference_companyId_type_scope_externalId_key" ON "IntacctReference"("companyId", "type", "scope", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ReferenceRefresh_companyId_type_key" ON "ReferenceRefresh"("companyId", "type");

-- CreateIndex
CREATE INDEX "SyncRecord_companyId_itemType_state_idx" ON "SyncRecord"("companyId", "itemType", "state");

-- CreateIndex
CREATE UNIQUE INDEX "SyncRecord_itemType_itemId_key" ON "SyncRecord"("itemType", "itemId");

-- CreateIndex
CREATE INDEX "SyncAttempt_syncRecordId_startedAt_idx" ON "SyncAttempt"("syncRecordId", "startedAt");

-- CreateIndex
CREATE INDEX "AccountingCompany_companyId_intacctVendorId_idx" ON "AccountingCompany"("companyId", "intacctVendorId");

-- AddForeignKey
ALTER TABLE "IntegrationConnection" ADD CONSTRAINT "IntegrationConnection_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntacctReference" ADD CONSTRAINT "IntacctReference_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceRefresh" ADD CONSTRAINT "ReferenceRefresh_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRecord" ADD CONSTRAINT "SyncRecord_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncAttempt" ADD CONSTRAINT "SyncAttempt_syncRecordId_fkey" FOREIGN KEY ("syncRecordId") REFERENCES "SyncRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- migrate:down
-- DropForeignKey
ALTER TABLE "IntegrationConnection" DROP CONSTRAINT "IntegrationConnection_companyId_fkey";

-- DropForeignKey
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_companyId_fkey";

-- DropForeignKey
ALTER TABLE "IntacctReference" DROP CONSTRAINT "IntacctReference_companyId_fkey";

-- DropForeignKey
ALTER TABLE "ReferenceRefresh" DROP CONSTRAINT "ReferenceRefresh_companyId_fkey";

-- DropForeignKey
ALTER TABLE "SyncRecord" DROP CONSTRAINT "SyncRecord_companyId_fkey";

-- DropForeignKey
ALTER TABLE "SyncAttempt" DROP CONSTRAINT "SyncAttempt_syncRecordId_fkey";

-- DropIndex
DROP INDEX "AccountingCompany_companyId_intacctVendorId_idx";

-- AlterTable
ALTER TABLE "Project" DROP COLUMN "intacctEntityId",
DROP COLUMN "intacctGlAccount",
DROP COLUMN "intacctProjectId";

-- AlterTable
ALTER TABLE "AccountingCompany" DROP COLUMN "intacctVendorId";

-- AlterTable
ALTER TABLE "CostCode" DROP COLUMN "intacctStandardTaskId";

-- DropTable
DROP TABLE "IntegrationConnection";

-- DropTable
DROP TABLE "AuditLog";

-- DropTable
DROP TABLE "IntacctReference";

-- DropTable
DROP TABLE "ReferenceRefresh";

-- DropTable
DROP TABLE "SyncRecord";

-- DropTable
DROP TABLE "SyncAttempt";

-- DropEnum
DROP TYPE "IntegrationProvider";

-- DropEnum
DROP TYPE "ConnectionStatus";

-- DropEnum
DROP TYPE "ReferenceType";

-- DropEnum
DROP TYPE "RefreshStatus";

-- DropEnum
DROP TYPE "SyncState";

