-- migrate:up
-- One accounting company per name in any case: "Acme" and "ACME" are the same vendor. The save checks this
-- first (with a friendly field error); this index closes the race of two saves at once. Prisma's schema cannot
-- express an index on lower(name), so it exists only here: schema.prisma keeps its case-sensitive @@unique, and
-- migrations are computed from the schema snapshot, never from the database, so no later diff drops this.
-- A database where two saves raced before this index existed may hold such a pair: say which, rather than fail
-- with a bare duplicate-key error. (IF NOT EXISTS: this migration was briefly numbered 20261126120000.)
DO $$
DECLARE clash text;
BEGIN
  SELECT string_agg(format('%s (company %s)', names, "companyId"), '; ') INTO clash
  FROM (SELECT "companyId", string_agg(name, ' / ') AS names FROM "AccountingCompany" GROUP BY "companyId", lower(name) HAVING count(*) > 1) AS pairs;
  IF clash IS NOT NULL THEN
    RAISE EXCEPTION 'Accounting company names differ only in case: %. Rename or merge them, then migrate again.', clash;
  END IF;
END $$;
CREATE UNIQUE INDEX IF NOT EXISTS "AccountingCompany_companyId_lower_name_key" ON "AccountingCompany" ("companyId", lower("name"));

-- migrate:down
DROP INDEX "AccountingCompany_companyId_lower_name_key";
