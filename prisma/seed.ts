// The demo company: what `npm run demo` loads into an empty database and what the e2e suite starts from.
// Items are written directly (not through the services) but with the same history the services would record.
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import type { ApprovalAction, ItemStatus, ItemType, Role } from "@/lib/generated/prisma/enums";
import { DEMO_ACCOUNTING_COMPANIES, DEMO_COST_CODES, DEMO_PROJECTS } from "./demo-catalog";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_COMPANY_NAME = "Demo Construction Co";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.build", name: "Alex Admin", role: "ADMIN" },
  { email: "pm@demo.build", name: "Pat Morgan", role: "PROJECT_MANAGER" },
  { email: "pm2@demo.build", name: "Sam Rivera", role: "PROJECT_MANAGER" },
  { email: "viewer@demo.build", name: "Vic Viewer", role: "VIEWER" },
  { email: "accountant@demo.build", name: "Ada Accountant", role: "ACCOUNTANT" },
];

type Person = { id: string; name: string };
type Ctx = {
  db: Db;
  companyId: string;
  admin: Person;
  pm: Person;
  pm2: Person;
  codes: Map<string, string>;
  vendors: Map<string, string>;
};

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const dollars = (amount: number) => BigInt(Math.round(amount * 100));

// Who did what, for each status: drafts were only created; everything else was submitted by the PM, then
// approved or rejected by the second PM.
function workflowFor(status: ItemStatus, ctx: Ctx, at: Date) {
  const submitted = status !== "DRAFT";
  const decided = status === "APPROVED" || status === "REJECTED";
  return {
    status,
    createdById: ctx.pm.id,
    submittedById: submitted ? ctx.pm.id : null,
    submittedAt: submitted ? new Date(at.getTime() + 3600_000) : null,
    decidedById: decided ? ctx.pm2.id : null,
    decidedAt: decided ? new Date(at.getTime() + 2 * 3600_000) : null,
    rejectionReason: status === "REJECTED" ? "Scope does not match the drawings; please revise." : "",
  };
}

async function writeHistory(ctx: Ctx, itemType: ItemType, itemId: string, status: ItemStatus, at: Date): Promise<void> {
  const events: { action: ApprovalAction; actor: Person; offset: number; comment?: string }[] = [
    { action: "CREATED", actor: ctx.pm, offset: 0 },
  ];
  if (status !== "DRAFT") events.push({ action: "SUBMITTED", actor: ctx.pm, offset: 1 });
  if (status === "APPROVED") events.push({ action: "APPROVED", actor: ctx.pm2, offset: 2 });
  if (status === "REJECTED")
    events.push({
      action: "REJECTED",
      actor: ctx.pm2,
      offset: 2,
      comment: "Scope does not match the drawings; please revise.",
    });
  await ctx.db.approvalEvent.createMany({
    data: events.map((e) => ({
      companyId: ctx.companyId,
      itemType,
      itemId,
      action: e.action,
      actorId: e.actor.id,
      actorName: e.actor.name,
      comment: e.comment ?? "",
      createdAt: new Date(at.getTime() + e.offset * 3600_000),
    })),
  });
}

function code(ctx: Ctx, value: string): string {
  const id = ctx.codes.get(value);
  if (!id) throw new Error(`demo seed: unknown cost code ${value}`);
  return id;
}

function vendor(ctx: Ctx, name: string): string {
  const id = ctx.vendors.get(name);
  if (!id) throw new Error(`demo seed: unknown vendor ${name}`);
  return id;
}

async function seedBudget(
  ctx: Ctx,
  projectId: string,
  status: ItemStatus,
  lines: [string, string, number][],
  at: Date,
) {
  const budget = await ctx.db.budget.create({
    data: {
      companyId: ctx.companyId,
      projectId,
      title: "Original budget",
      ...workflowFor(status, ctx, at),
      lines: {
        create: lines.map(([c, description, amount], i) => ({
          lineNo: i + 1,
          costCodeId: code(ctx, c),
          description,
          amountCents: dollars(amount),
        })),
      },
    },
  });
  await writeHistory(ctx, "BUDGET", budget.id, status, at);
  return budget;
}

async function seedBudgetChange(
  ctx: Ctx,
  projectId: string,
  budgetId: string,
  number: string,
  title: string,
  status: ItemStatus,
  lines: [string, string, number][],
  at: Date,
) {
  const change = await ctx.db.budgetChange.create({
    data: {
      companyId: ctx.companyId,
      projectId,
      budgetId,
      number,
      title,
      reason: "Owner-directed scope adjustment",
      ...workflowFor(status, ctx, at),
      lines: {
        create: lines.map(([c, description, amount], i) => ({
          lineNo: i + 1,
          costCodeId: code(ctx, c),
          description,
          amountCents: dollars(amount),
        })),
      },
    },
  });
  await writeHistory(ctx, "BUDGET_CHANGE", change.id, status, at);
}

async function seedContract(
  ctx: Ctx,
  projectId: string,
  number: string,
  vendorName: string,
  title: string,
  status: ItemStatus,
  lines: [string, string, number][],
  at: Date,
) {
  const contract = await ctx.db.contract.create({
    data: {
      companyId: ctx.companyId,
      projectId,
      accountingCompanyId: vendor(ctx, vendorName),
      number,
      title,
      description: `${title} per plans and specifications.`,
      startDate: at,
      endDate: new Date(at.getTime() + 180 * 86400_000),
      retainageBps: 1000,
      ...workflowFor(status, ctx, at),
      lines: {
        create: lines.map(([c, description, amount], i) => ({
          lineNo: i + 1,
          costCodeId: code(ctx, c),
          description,
          amountCents: dollars(amount),
        })),
      },
    },
    include: { lines: { orderBy: { lineNo: "asc" } } },
  });
  await writeHistory(ctx, "CONTRACT", contract.id, status, at);
  return contract;
}

type ContractWithLines = Awaited<ReturnType<typeof seedContract>>;

async function seedContractChange(
  ctx: Ctx,
  contract: ContractWithLines,
  number: string,
  title: string,
  status: ItemStatus,
  lines: { lineNo?: number; code?: string; description: string; amount: number }[],
  at: Date,
) {
  const change = await ctx.db.contractChange.create({
    data: {
      companyId: ctx.companyId,
      contractId: contract.id,
      number,
      title,
      reason: "Field condition",
      ...workflowFor(status, ctx, at),
      lines: {
        create: lines.map((l, i) => {
          const target = l.lineNo ? contract.lines.find((cl) => cl.lineNo === l.lineNo) : undefined;
          return {
            lineNo: i + 1,
            contractLineId: target?.id ?? null,
            costCodeId: target?.costCodeId ?? code(ctx, l.code ?? ""),
            description: l.description,
            amountCents: dollars(l.amount),
          };
        }),
      },
    },
  });
  await writeHistory(ctx, "CONTRACT_CHANGE", change.id, status, at);
}

async function seedInvoice(
  ctx: Ctx,
  contract: ContractWithLines,
  number: string,
  status: ItemStatus,
  amounts: number[],
  at: Date,
) {
  const invoice = await ctx.db.invoice.create({
    data: {
      companyId: ctx.companyId,
      contractId: contract.id,
      number,
      invoiceDate: at,
      dueDate: new Date(at.getTime() + 30 * 86400_000),
      retainageBps: contract.retainageBps,
      ...workflowFor(status, ctx, at),
      lines: {
        create: amounts.map((amount, i) => {
          const line = contract.lines[i];
          if (!line) throw new Error(`demo seed: ${contract.number} has no line ${i + 1}`);
          return {
            lineNo: i + 1,
            contractLineId: line.id,
            description: line.description,
            amountCents: dollars(amount),
            retainageCents: dollars((amount * contract.retainageBps) / 10_000),
          };
        }),
      },
    },
  });
  await writeHistory(ctx, "INVOICE", invoice.id, status, at);
}

export async function seedCompany(
  db: Db,
  name: string,
  users: { email: string; name: string; role: Role }[],
  password = DEMO_PASSWORD,
) {
  const passwordHash = await hashPassword(password);
  return db.company.create({
    data: { name, users: { create: users.map((u) => ({ ...u, passwordHash })) } },
    include: { users: true },
  });
}

// `emailDomain` and `companyName` let tests seed a second, independent copy of the demo company.
export async function seedDemo(
  db: Db,
  options: { companyName?: string; emailDomain?: string } = {},
): Promise<{ companyId: string }> {
  const domain = options.emailDomain ?? "demo.build";
  const users = DEMO_USERS.map((u) => ({ ...u, email: u.email.replace("@demo.build", `@${domain}`) }));
  const company = await seedCompany(db, options.companyName ?? DEMO_COMPANY_NAME, users);
  const person = (demoEmail: string): Person => {
    const email = demoEmail.replace("@demo.build", `@${domain}`);
    const user = company.users.find((u) => u.email === email);
    if (!user) throw new Error(`demo seed: no user ${email}`);
    return { id: user.id, name: user.name };
  };
  await db.costCode.createMany({
    data: DEMO_COST_CODES.map((c) => ({ companyId: company.id, code: c.code, name: c.name })),
  });
  await db.accountingCompany.createMany({
    data: DEMO_ACCOUNTING_COMPANIES.map((v, i) => ({
      companyId: company.id,
      name: v.name,
      taxId: v.taxId ?? "",
      email: v.email,
      city: v.city,
      state: v.state,
      address: `${100 + i * 17} Main Street`,
      postalCode: `80${String(200 + i).padStart(3, "0")}`,
      phone: `303-555-${String(1000 + i)}`,
    })),
  });
  await db.project.createMany({
    data: DEMO_PROJECTS.map((p) => ({
      companyId: company.id,
      number: p.number,
      name: p.name,
      city: p.city,
      state: p.state,
    })),
  });
  const codes = new Map((await db.costCode.findMany({ where: { companyId: company.id } })).map((c) => [c.code, c.id]));
  const vendors = new Map(
    (await db.accountingCompany.findMany({ where: { companyId: company.id } })).map((v) => [v.name, v.id]),
  );
  const projects = new Map(
    (await db.project.findMany({ where: { companyId: company.id } })).map((p) => [p.number, p.id]),
  );
  const ctx: Ctx = {
    db,
    companyId: company.id,
    admin: person("admin@demo.build"),
    pm: person("pm@demo.build"),
    pm2: person("pm2@demo.build"),
    codes,
    vendors,
  };
  const project = (n: string) => projects.get(n) as string;

  // Riverside Medical Office Building: the full story, every item type in every state.
  const p1 = project("P-1001");
  const budget1 = await seedBudget(
    ctx,
    p1,
    "APPROVED",
    [
      ["01-3100", "Project management and supervision", 420_000],
      ["02-4100", "Selective demolition", 85_000],
      ["03-3000", "Foundations, slabs and elevated decks", 1_250_000],
      ["05-1200", "Structural steel frame", 980_000],
      ["07-5000", "TPO roofing system", 310_000],
      ["08-4000", "Storefront and entrances", 265_000],
      ["09-2900", "Drywall and framing", 540_000],
      ["09-9100", "Interior and exterior painting", 145_000],
      ["22-1000", "Domestic water and waste piping", 410_000],
      ["23-3000", "Ductwork and air distribution", 620_000],
      ["26-0500", "Electrical rough-in and feeders", 780_000],
      ["31-2000", "Mass excavation and backfill", 230_000],
    ],
    day("2026-02-02"),
  );
  await seedBudgetChange(
    ctx,
    p1,
    budget1.id,
    "BC-001",
    "Added MRI suite shielding",
    "APPROVED",
    [
      ["05-5000", "Shielding support steel", 64_000],
      ["26-0500", "Dedicated MRI feeders", 38_500],
    ],
    day("2026-04-06"),
  );
  await seedBudgetChange(
    ctx,
    p1,
    budget1.id,
    "BC-002",
    "Value engineering: roofing",
    "PENDING_APPROVAL",
    [["07-5000", "Switch to 60 mil TPO", -22_000]],
    day("2026-05-11"),
  );
  await seedBudgetChange(
    ctx,
    p1,
    budget1.id,
    "BC-003",
    "Owner upgrade: lobby finishes",
    "DRAFT",
    [
      ["09-3000", "Porcelain tile lobby", 41_000],
      ["08-4000", "Upgraded entrance doors", 12_500],
    ],
    day("2026-06-01"),
  );
  await seedBudgetChange(
    ctx,
    p1,
    budget1.id,
    "BC-004",
    "Extra site lighting",
    "REJECTED",
    [["26-5100", "Parking lot poles", 27_000]],
    day("2026-05-20"),
  );

  const concrete = await seedContract(
    ctx,
    p1,
    "SC-1001",
    "Apex Concrete Inc.",
    "Concrete foundations and slabs",
    "APPROVED",
    [
      ["03-3000", "Foundations and grade beams", 640_000],
      ["03-3000", "Slab on grade", 310_000],
      ["03-2000", "Reinforcing steel", 185_000],
    ],
    day("2026-02-16"),
  );
  const steel = await seedContract(
    ctx,
    p1,
    "SC-1002",
    "Blue Ridge Steel Erectors",
    "Structural steel supply and erection",
    "APPROVED",
    [
      ["05-1200", "Steel frame supply", 610_000],
      ["05-1200", "Erection", 290_000],
      ["05-3000", "Metal deck", 72_000],
    ],
    day("2026-03-02"),
  );
  await seedContract(
    ctx,
    p1,
    "SC-1003",
    "Summit Electrical Contractors LLC",
    "Electrical systems",
    "PENDING_APPROVAL",
    [
      ["26-0500", "Rough-in and feeders", 520_000],
      ["26-5100", "Lighting fixtures and controls", 210_000],
    ],
    day("2026-04-13"),
  );
  await seedContract(
    ctx,
    p1,
    "SC-1004",
    "Front Range Plumbing & Heating",
    "Plumbing",
    "DRAFT",
    [
      ["22-1000", "Piping", 300_000],
      ["22-4000", "Fixtures", 95_000],
    ],
    day("2026-05-04"),
  );
  await seedContract(
    ctx,
    p1,
    "SC-1005",
    "Mile High Mechanical",
    "HVAC",
    "REJECTED",
    [["23-3000", "Air distribution", 560_000]],
    day("2026-04-20"),
  );

  await seedContractChange(
    ctx,
    concrete,
    "CO-01",
    "Additional pier caps",
    "APPROVED",
    [
      { lineNo: 1, description: "Six additional pier caps", amount: 28_400 },
      { code: "03-1000", description: "Forming for elevator pit", amount: 9_800 },
    ],
    day("2026-03-23"),
  );
  await seedContractChange(
    ctx,
    concrete,
    "CO-02",
    "Slab thickening at MRI",
    "PENDING_APPROVAL",
    [{ lineNo: 2, description: "Thicken slab to 10 in at MRI", amount: 14_200 }],
    day("2026-05-18"),
  );
  await seedContractChange(
    ctx,
    steel,
    "CO-01",
    "Canopy framing",
    "DRAFT",
    [{ code: "05-5000", description: "Entrance canopy framing", amount: 33_000 }],
    day("2026-06-08"),
  );
  await seedContractChange(
    ctx,
    steel,
    "CO-02",
    "Deck credit",
    "REJECTED",
    [{ lineNo: 3, description: "Credit for deck gauge change", amount: -6_500 }],
    day("2026-05-25"),
  );

  await seedInvoice(ctx, concrete, "INV-1001", "APPROVED", [180_000, 40_000, 55_000], day("2026-03-31"));
  await seedInvoice(ctx, concrete, "INV-1002", "PENDING_APPROVAL", [150_000, 90_000, 60_000], day("2026-04-30"));
  await seedInvoice(ctx, steel, "INV-2001", "DRAFT", [200_000, 30_000, 12_000], day("2026-05-31"));
  await seedInvoice(ctx, steel, "INV-2002", "REJECTED", [120_000], day("2026-04-30"));

  // Cherry Creek Mixed-Use Tower: budget waiting for approval, one signed roofing contract.
  const p2 = project("P-1002");
  await seedBudget(
    ctx,
    p2,
    "PENDING_APPROVAL",
    [
      ["03-3000", "Podium and tower concrete", 3_400_000],
      ["07-5000", "Roofing", 480_000],
      ["14-2000", "Elevators", 1_150_000],
      ["21-1300", "Sprinklers", 390_000],
    ],
    day("2026-05-05"),
  );
  await seedContract(
    ctx,
    p2,
    "SC-2001",
    "Pinnacle Roofing Systems",
    "Roofing and sheet metal",
    "APPROVED",
    [
      ["07-5000", "Membrane roofing", 360_000],
      ["07-6000", "Flashing and sheet metal", 74_000],
    ],
    day("2026-05-19"),
  );

  // Boulder Elementary School Renovation: just started, budget in draft.
  const p3 = project("P-1003");
  await seedBudget(
    ctx,
    p3,
    "DRAFT",
    [
      ["02-4100", "Interior demolition", 120_000],
      ["09-2900", "New partitions", 210_000],
      ["09-6500", "Resilient flooring", 95_000],
    ],
    day("2026-06-15"),
  );

  return { companyId: company.id };
}
