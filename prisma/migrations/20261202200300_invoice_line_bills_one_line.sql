-- migrate:up
-- Written by hand: Prisma's schema cannot express a CHECK constraint. An invoice line bills exactly one line: a
-- contract line, or a line an approved contract change added (named in schema.prisma beside InvoiceLine).
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_bills_one_line"
  CHECK (num_nonnulls("contractLineId", "contractChangeLineId") = 1);

-- migrate:down
ALTER TABLE "InvoiceLine" DROP CONSTRAINT "InvoiceLine_bills_one_line";
