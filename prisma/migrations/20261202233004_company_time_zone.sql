-- migrate:up
-- AlterTable
ALTER TABLE "Company" ADD COLUMN     "timeZone" TEXT;


-- migrate:down
-- AlterTable
ALTER TABLE "Company" DROP COLUMN "timeZone";

