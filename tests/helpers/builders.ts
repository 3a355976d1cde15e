// Test data builders: a company with one user per role, and items in the state a test needs.
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { saveBudget } from "@/lib/financials/budgets";
import { saveContract } from "@/lib/financials/contracts";
import type { Role } from "@/lib/generated/prisma/enums";
import { seedCompany } from "@/prisma/seed";

export type TestCompany = {
  companyId: string;
  admin: SessionUser;
  pm: SessionUser;
  pm2: SessionUser;
  viewer: SessionUser;
  accountant: SessionUser;
  projectId: string;
  vendorId: string;
  costCodeIds: string[];
};

let sequence = 0;

export async function buildCompany(db: Db, name = `Company ${++sequence}`): Promise<TestCompany> {
  const slug = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${sequence}`;
  const roles: [string, Role][] = [
    ["admin", "ADMIN"],
    ["pm", "PROJECT_MANAGER"],
    ["pm2", "PROJECT_MANAGER"],
    ["viewer", "VIEWER"],
    ["accountant", "ACCOUNTANT"],
  ];
  const company = await seedCompany(
    db,
    name,
    roles.map(([key, role]) => ({ email: `${key}@${slug}.test`, name: `${key} of ${name}`, role })),
  );
  const asSession = (key: string): SessionUser => {
    const user = company.users.find((u) => u.email.startsWith(`${key}@`));
    if (!user) throw new Error(`no ${key}`);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      companyId: company.id,
      companyName: company.name,
      timeZone: company.timeZone ?? "UTC",
    };
  };
  const project = await db.project.create({ data: { companyId: company.id, number: "P-1", name: "Test project" } });
  const vendor = await db.accountingCompany.create({ data: { companyId: company.id, name: "Acme Concrete Inc." } });
  await db.costCode.createMany({
    data: [
      { companyId: company.id, code: "03-3000", name: "Cast-in-Place Concrete" },
      { companyId: company.id, code: "05-1200", name: "Structural Steel" },
    ],
  });
  const costCodeIds = (await db.costCode.findMany({ where: { companyId: company.id }, orderBy: { code: "asc" } })).map(
    (c) => c.id,
  );
  return {
    companyId: company.id,
    admin: asSession("admin"),
    pm: asSession("pm"),
    pm2: asSession("pm2"),
    viewer: asSession("viewer"),
    accountant: asSession("accountant"),
    projectId: project.id,
    vendorId: vendor.id,
    costCodeIds,
  };
}

export async function buildBudget(db: Db, c: TestCompany, amounts: number[] = [100_000_00, 50_000_00]) {
  return saveBudget(db, c.pm, {
    projectId: c.projectId,
    title: "Original budget",
    lines: amounts.map((amount, i) => ({
      costCodeId: c.costCodeIds[i % c.costCodeIds.length] as string,
      description: `Line ${i + 1}`,
      amount,
    })),
  });
}

export async function buildContract(
  db: Db,
  c: TestCompany,
  overrides: Partial<{ number: string; amounts: number[] }> = {},
) {
  const amounts = overrides.amounts ?? [60_000_00, 40_000_00];
  return saveContract(db, c.pm, {
    projectId: c.projectId,
    accountingCompanyId: c.vendorId,
    number: overrides.number ?? `SC-${++sequence}`,
    title: "Concrete",
    description: "",
    startDate: new Date("2026-03-01T00:00:00Z"),
    endDate: null,
    retainagePercent: 1000,
    lines: amounts.map((amount, i) => ({
      costCodeId: c.costCodeIds[i % c.costCodeIds.length] as string,
      description: `Line ${i + 1}`,
      amount,
    })),
  });
}
