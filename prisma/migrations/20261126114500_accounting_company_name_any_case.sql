-- migrate:up
-- One accounting company per name in any case: "Acme" and "ACME" are the same vendor. The save checks this
-- first (with a friendly field error); this index closes the race of two saves at once. Prisma's schema cannot
-- express an index on lower(name), so it exists only here: schema.prisma keeps its case-sensitive @@unique, and
-- migrations are computed from the schema snapshot, never from the database, so no later diff drops this.
CREATE UNIQUE INDEX "AccountingCompany_companyId_lower_name_key" ON "AccountingCompany" ("companyId", lower("name"));

-- migrate:down
DROP INDEX "AccountingCompany_companyId_lower_name_key";
