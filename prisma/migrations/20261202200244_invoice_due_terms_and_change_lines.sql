-- migrate:up
-- AlterTable
ALTER TABLE "Company" ADD COLUMN     "paymentTermsDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "InvoiceLine" ADD COLUMN     "contractChangeLineId" UUID,
ALTER COLUMN "contractLineId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_contractChangeLineId_fkey" FOREIGN KEY ("contractChangeLineId") REFERENCES "ContractChangeLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- migrate:down
-- DropForeignKey
ALTER TABLE "InvoiceLine" DROP CONSTRAINT "InvoiceLine_contractChangeLineId_fkey";

-- AlterTable
ALTER TABLE "Company" DROP COLUMN "paymentTermsDays";

-- AlterTable
ALTER TABLE "InvoiceLine" DROP COLUMN "contractChangeLineId",
ALTER COLUMN "contractLineId" SET NOT NULL;

