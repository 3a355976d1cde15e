-- migrate:up
-- CreateEnum
CREATE TYPE "VendorImportState" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "VendorImport" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "state" "VendorImportState" NOT NULL DEFAULT 'QUEUED',
    "vendorIds" TEXT[],
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "linked" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "outcomes" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VendorImport_companyId_state_idx" ON "VendorImport"("companyId", "state");

-- CreateIndex
CREATE INDEX "VendorImport_companyId_createdAt_idx" ON "VendorImport"("companyId", "createdAt");

-- AddForeignKey
ALTER TABLE "VendorImport" ADD CONSTRAINT "VendorImport_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- migrate:down
-- DropForeignKey
ALTER TABLE "VendorImport" DROP CONSTRAINT "VendorImport_companyId_fkey";

-- DropTable
DROP TABLE "VendorImport";

-- DropEnum
DROP TYPE "VendorImportState";

