-- migrate:up
-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'ACCOUNTANT';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ApprovalAction" ADD VALUE 'RETURNED_BY_ACCOUNTING';
ALTER TYPE "ApprovalAction" ADD VALUE 'RESUBMITTED_TO_ACCOUNTING';

-- AlterTable
ALTER TABLE "Company" ADD COLUMN     "accountingReviewsBeforeSync" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AccountingReturn" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "returnedById" UUID NOT NULL,
    "returnedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountingReturn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountingReturn_companyId_idx" ON "AccountingReturn"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountingReturn_itemType_itemId_key" ON "AccountingReturn"("itemType", "itemId");

-- AddForeignKey
ALTER TABLE "AccountingReturn" ADD CONSTRAINT "AccountingReturn_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- migrate:down
-- AlterEnum
BEGIN;
CREATE TYPE "Role_new" AS ENUM ('ADMIN', 'PROJECT_MANAGER', 'VIEWER');
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
COMMIT;

-- AlterEnum
BEGIN;
CREATE TYPE "ApprovalAction_new" AS ENUM ('CREATED', 'EDITED', 'SUBMITTED', 'APPROVED', 'REJECTED');
ALTER TABLE "ApprovalEvent" ALTER COLUMN "action" TYPE "ApprovalAction_new" USING ("action"::text::"ApprovalAction_new");
ALTER TYPE "ApprovalAction" RENAME TO "ApprovalAction_old";
ALTER TYPE "ApprovalAction_new" RENAME TO "ApprovalAction";
DROP TYPE "ApprovalAction_old";
COMMIT;

-- DropForeignKey
ALTER TABLE "AccountingReturn" DROP CONSTRAINT "AccountingReturn_companyId_fkey";

-- AlterTable
ALTER TABLE "Company" DROP COLUMN "accountingReviewsBeforeSync";

-- DropTable
DROP TABLE "AccountingReturn";

