import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardUnique, isUniqueViolationOn } from "@/lib/db/unique-violation";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { saveAccountingCompany } from "@/lib/contacts/accounting-companies";
import { saveCostCode } from "@/lib/cost-codes/cost-codes";
import { saveProject } from "@/lib/projects/projects";
import { buildBudget, buildCompany, buildContract, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let c: TestCompany;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Race Builders");
});
afterAll(async () => t?.drop());

const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

describe("two saves of one number at once", () => {
  it("the database's unique index names the column, so the loser gets the field error, not 'Something went wrong'", async () => {
    // What a lost race looks like: the pre-check passed, the insert hits the index (real PostgreSQL, real adapter).
    const violation = await t.db.project
      .create({ data: { companyId: c.companyId, number: "P-1", name: "Clash" } })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolationOn(violation, "number")).toBe(true);
    expect(isUniqueViolationOn(violation, "name")).toBe(false);
    const conflict = () =>
      new AppError("CONFLICT", "Project number P-1 is already used. Choose another number.", {
        fieldErrors: { number: ["taken"] },
      });
    await expect(guardUnique("number", conflict, () => Promise.reject(violation))).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { number: ["taken"] },
    });
    // A violation on another column is not this field's conflict: it is rethrown as it is.
    await expect(guardUnique("code", conflict, () => Promise.reject(violation))).rejects.toBe(violation);
  });

  it("projects: one of six simultaneous saves wins, the others are told the number is taken", async () => {
    const input = { number: "RACE-1", name: "Race", city: "", state: "" };
    const results = await settle(Array.from({ length: 6 }, () => saveProject(t.db, c.pm, input)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "fulfilled") continue;
      expect(isAppError(result.reason), String(result.reason)).toBe(true);
      expect(result.reason).toMatchObject({
        code: "CONFLICT",
        fieldErrors: { number: ["Project number RACE-1 is already used"] },
      });
    }
  });

  it("contracts, first budgets and cost codes: the same for their unique number, project and code", async () => {
    const contracts = await settle(Array.from({ length: 4 }, () => buildContract(t.db, c, { number: "SC-RACE" })));
    expect(contracts.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of contracts)
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({
          code: "CONFLICT",
          fieldErrors: { number: ["Contract number SC-RACE is already used"] },
        });

    const project = await t.db.project.create({
      data: { companyId: c.companyId, number: "P-BUDGET-RACE", name: "Budget race" },
    });
    const budgets = await settle(Array.from({ length: 4 }, () => buildBudget(t.db, { ...c, projectId: project.id })));
    expect(budgets.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of budgets)
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({
          code: "CONFLICT",
          userMessage: expect.stringContaining("just created this project's budget"),
        });

    const codes = await settle(
      Array.from({ length: 4 }, () => saveCostCode(t.db, c.admin, { code: "99-0001", name: "Race" })),
    );
    expect(codes.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of codes)
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({ code: "CONFLICT", fieldErrors: { code: ["This code is already used"] } });
  });

  it("accounting companies: two saves of one name in different case at once, one wins (the index is on lower(name))", async () => {
    const blank = { taxId: "", address: "", city: "", state: "", postalCode: "", email: "", phone: "" };
    const names = ["Acme Drywall", "ACME DRYWALL", "acme drywall", "Acme drywall"];
    const results = await settle(names.map((name) => saveAccountingCompany(t.db, c.admin, { ...blank, name })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results)
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({ code: "CONFLICT", fieldErrors: { name: ["This name is already used"] } });
    // Renaming another company to the same name in another case is refused too, and LIKE wildcards in a name
    // match only themselves.
    const other = await saveAccountingCompany(t.db, c.admin, { ...blank, name: "Acme_Drywall%" });
    await expect(
      saveAccountingCompany(t.db, c.admin, { ...blank, id: other.id, name: "aCME dRYWALL" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(saveAccountingCompany(t.db, c.admin, { ...blank, name: "Acme Drywall Inc" })).resolves.toMatchObject({
      id: expect.any(String),
    });
  });

  it("the any-case index's migration names the pairs an older database already holds, then applies once they differ", async () => {
    const up =
      readFileSync("prisma/migrations/20261126114500_accounting_company_name_any_case.sql", "utf8").split(
        "-- migrate:down",
      )[0] ?? "";
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      // As a database that two racing saves filled before the index existed.
      await client.query(`DROP INDEX "AccountingCompany_companyId_lower_name_key"`);
      await client.query(
        `INSERT INTO "AccountingCompany" (id, "companyId", name) VALUES (gen_random_uuid(), $1, 'Racer Glass'), (gen_random_uuid(), $1, 'RACER GLASS')`,
        [c.companyId],
      );
      await expect(client.query(up)).rejects.toThrow(
        /Accounting company names differ only in case: (Racer Glass \/ RACER GLASS|RACER GLASS \/ Racer Glass) \(company .+\)\. Rename or merge them, then migrate again\./,
      );
      await client.query(`UPDATE "AccountingCompany" SET name = 'Racer Glass West' WHERE name = 'RACER GLASS'`);
      await client.query(up);
      await client.query(up); // applied twice (it was briefly numbered differently): nothing happens
      // A duplicate now hits the index by name, and guardUnique turns that into the name's field error.
      const violation = await t.db.accountingCompany
        .create({ data: { companyId: c.companyId, name: "racer glass" } })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(isUniqueViolationOn(violation, "name")).toBe(true);
    } finally {
      await client.end();
    }
  });
});
