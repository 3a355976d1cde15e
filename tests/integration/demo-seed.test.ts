import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";
import { buildAcr } from "@/lib/reports/acr";
import { seedDemo } from "@/prisma/seed";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let admin: SessionUser;

beforeAll(async () => {
  t = await createTestDb();
  const { companyId } = await seedDemo(t.db);
  const user = await t.db.user.findUniqueOrThrow({ where: { email: "admin@demo.build" }, include: { company: true } });
  admin = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    companyId,
    companyName: user.company.name,
  };
});
afterAll(async () => t?.drop());

describe("demo company", () => {
  it("has the documented logins, projects and reference lists", async () => {
    const users = await t.db.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ["accountant@demo.build", "ACCOUNTANT"],
      ["admin@demo.build", "ADMIN"],
      ["pm2@demo.build", "PROJECT_MANAGER"],
      ["pm@demo.build", "PROJECT_MANAGER"],
      ["viewer@demo.build", "VIEWER"],
    ]);
    expect(await t.db.project.count()).toBe(3);
    expect(await t.db.accountingCompany.count()).toBeGreaterThanOrEqual(25);
    expect(await t.db.costCode.count()).toBeGreaterThanOrEqual(60);
  });

  it("has every financial item type in every approval state", async () => {
    const statuses = ["DRAFT", "PENDING_APPROVAL", "APPROVED", "REJECTED"];
    const groups = {
      budgets: await t.db.budget.groupBy({ by: ["status"] }),
      budgetChanges: await t.db.budgetChange.groupBy({ by: ["status"] }),
      contracts: await t.db.contract.groupBy({ by: ["status"] }),
      contractChanges: await t.db.contractChange.groupBy({ by: ["status"] }),
      invoices: await t.db.invoice.groupBy({ by: ["status"] }),
    };
    for (const [name, rows] of Object.entries(groups)) {
      const present = rows.map((r) => r.status).sort();
      const expected = name === "budgets" ? ["APPROVED", "DRAFT", "PENDING_APPROVAL"] : [...statuses].sort();
      expect(present, name).toEqual(expected);
    }
  });

  it("adds up in the ACR: revised = original + approved changes, variance = revised − committed", async () => {
    const project = await t.db.project.findFirstOrThrow({ where: { number: "P-1001" } });
    const { rows, totals } = await buildAcr(t.db, admin, project.id);
    const concrete = rows.find((r) => r.code === "03-3000");
    expect(concrete).toMatchObject({
      originalCents: 1_250_000_00,
      committedCents: (640_000 + 310_000 + 28_400) * 100,
      invoicedCents: (180_000 + 40_000) * 100,
    });
    expect(totals.originalCents).toBe(6_035_000_00);
    expect(totals.approvedChangesCents).toBe((64_000 + 38_500) * 100);
    for (const r of rows) {
      expect(r.revisedCents).toBe(r.originalCents + r.approvedChangesCents);
      expect(r.varianceCents).toBe(r.revisedCents - r.committedCents);
    }
  });
});
