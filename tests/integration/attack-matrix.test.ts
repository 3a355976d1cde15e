// The attack matrix over every server action, generated from the source (tests/helpers/attack-surface.ts): each
// action without a session, as each role, as a user of another company holding this company's ids, and with every
// family of bad input on every field. Pass: the expected refusal or a clear field message, never an internal
// error, and nothing written when refused. The HTTP-level part (bodies React never sends, foreign origins, pages)
// is tests/e2e/attack-matrix.e2e.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  ACTION_EXPECTATIONS,
  PAGE_EXPECTATIONS,
  badInputsFor,
  discoverActionModules,
  discoverPageRoutes,
  ROLES,
  ROOT,
  type TargetIds,
  ZOD_DEFAULT_MESSAGE,
} from "../helpers/attack-surface";
import { buildCompany, type TestCompany } from "../helpers/builders";
import { type ConnectedDemo, sessionUser, setUpConnectedDemo } from "../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../helpers/test-db";

const state = vi.hoisted(() => ({ user: null as SessionUser | null, jar: new Map<string, string>() }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// Background work (the reference refresh after connecting) is not part of what an action answers.
vi.mock("next/server", () => ({ after: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect ${url}`), { redirectTo: url });
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) => (state.jar.has(name) ? { name, value: state.jar.get(name) } : undefined),
    set: (name: string, value: string) => state.jar.set(name, value),
    delete: (name: string) => state.jar.delete(name),
  }),
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => state.user }));

type ActionResult = {
  data?: unknown;
  serverError?: { code: string; message: string; fieldErrors?: Record<string, string[]> };
  validationErrors?: unknown;
};
type Action = (input?: unknown) => Promise<ActionResult | undefined>;

const REFUSAL_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "CONFLICT",
  "INVALID_STATE",
  "RATE_LIMITED",
]);

let t: TestDb;
let demo: ConnectedDemo;
let other: TestCompany;
let ids: TargetIds;
let users: Record<Role, SessionUser>;
const actions = new Map<string, Action>();

const counts = { tried: 0, refusedAsExpected: 0, allowedAsExpected: 0 };
const failures: string[] = [];

// One digest of every row (but sign-in counters and sessions, which a refused sign-in may touch), or of one
// company's rows: tables with a companyId, and line tables through their item.
const LINE_PARENTS: Record<string, [string, string]> = {
  BudgetLine: ["Budget", "budgetId"],
  BudgetChangeLine: ["BudgetChange", "budgetChangeId"],
  ContractLine: ["Contract", "contractId"],
  ContractChangeLine: ["ContractChange", "contractChangeId"],
  InvoiceLine: ["Invoice", "invoiceId"],
};
const UNTRACKED = new Set(["LoginThrottle", "Session", "schema_migrations"]);
let fingerprintSql: { all: string; company: string };

async function buildFingerprintSql(): Promise<{ all: string; company: string }> {
  const columns = await t.db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const tables = [...new Set(columns.map((c) => c.table_name))].filter((name) => !UNTRACKED.has(name)).sort();
  const hasCompany = new Set(columns.filter((c) => c.column_name === "companyId").map((c) => c.table_name));
  const part = (table: string, where: string) =>
    `SELECT '${table}:' || md5(t::text) AS row FROM "${table}" t${where ? ` WHERE ${where}` : ""}`;
  const scoped = tables.map((table) => {
    if (table === "Company") return part(table, `t."id" = $1::uuid`);
    if (hasCompany.has(table)) return part(table, `t."companyId" = $1::uuid`);
    const parent = LINE_PARENTS[table];
    if (!parent) throw new Error(`The attack matrix cannot scope table ${table} to a company: add it to LINE_PARENTS`);
    return part(table, `t."${parent[1]}" IN (SELECT id FROM "${parent[0]}" WHERE "companyId" = $1::uuid)`);
  });
  const wrap = (parts: string[]) =>
    `SELECT md5(coalesce(string_agg(row, ',' ORDER BY row), '')) AS digest FROM (${parts.join(" UNION ALL ")}) s`;
  return { all: wrap(tables.map((table) => part(table, ""))), company: wrap(scoped) };
}

async function fingerprint(companyId?: string): Promise<string> {
  const rows = companyId
    ? await t.db.$queryRawUnsafe<{ digest: string }[]>(fingerprintSql.company, companyId)
    : await t.db.$queryRawUnsafe<{ digest: string }[]>(fingerprintSql.all);
  return rows[0]?.digest ?? "";
}

type Outcome =
  { kind: "refused"; code: string; messages: string[] } | { kind: "allowed" } | { kind: "internal"; detail: string };

function messagesOf(node: unknown): string[] {
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "_errors" && Array.isArray(value) ? (value as string[]) : messagesOf(value),
  );
}

async function call(key: string, input: unknown, user: SessionUser | null): Promise<Outcome> {
  const action = actions.get(key) as Action;
  state.user = user;
  state.jar = new Map();
  counts.tried++;
  try {
    const result = await (ACTION_EXPECTATIONS[key]?.plain ? action() : action(input));
    if (result?.validationErrors)
      return { kind: "refused", code: "VALIDATION", messages: messagesOf(result.validationErrors) };
    const error = result?.serverError;
    if (error) {
      if (!REFUSAL_CODES.has(error.code)) return { kind: "internal", detail: `${error.code}: ${error.message}` };
      return {
        kind: "refused",
        code: error.code,
        messages: [error.message, ...Object.values(error.fieldErrors ?? {}).flat()],
      };
    }
    return { kind: "allowed" };
  } catch (error) {
    // A plain server function ends by redirecting; anything else thrown is what Next would answer with a 500.
    if (error instanceof Error && "redirectTo" in error) return { kind: "allowed" };
    return { kind: "internal", detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

// The wrapper's refusals of the caller, as opposed to a rule of the domain (a PM approving their own submission).
function isRoleRefusal(outcome: Extract<Outcome, { kind: "refused" }>): boolean {
  return (
    outcome.code === "UNAUTHENTICATED" ||
    (outcome.code === "FORBIDDEN" && outcome.messages[0]?.startsWith("Your role does not allow") === true)
  );
}

function fail(key: string, what: string, detail: string): void {
  failures.push(`${key.split("#")[1]} — ${what}: ${detail}`);
}

/** Calls, and checks the refusal wanted (by code, or any) and that a refusal wrote nothing (to `scope`). */
async function expectRefusal(
  key: string,
  what: string,
  input: unknown,
  user: SessionUser | null,
  codes: string[] | "any",
  scope?: string,
): Promise<Outcome> {
  const before = await fingerprint(scope);
  const outcome = await call(key, input, user);
  const after = await fingerprint(scope);
  if (outcome.kind !== "refused")
    fail(key, what, `expected a refusal, got ${outcome.kind === "internal" ? outcome.detail : "success"}`);
  else if (codes !== "any" && !codes.includes(outcome.code))
    fail(key, what, `refused with ${outcome.code}, expected ${codes.join(" or ")}`);
  else if (before !== after) fail(key, what, "refused, but something was written");
  else counts.refusedAsExpected++;
  return outcome;
}

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  demo = await setUpConnectedDemo(t.db);
  other = await buildCompany(t.db, "Other Tenant Co");
  fingerprintSql = await buildFingerprintSql();
  users = {
    ADMIN: demo.admin,
    PROJECT_MANAGER: demo.pm,
    VIEWER: await sessionUser(t.db, "viewer@demo.build"),
    ACCOUNTANT: await sessionUser(t.db, "accountant@demo.build"),
  };
  const companyId = demo.companyId;
  const project = await t.db.project.findFirstOrThrow({ where: { companyId }, orderBy: { number: "asc" } });
  const vendor = await t.db.accountingCompany.findFirstOrThrow({
    where: { companyId, intacctVendorId: { not: null } },
  });
  const costCode = await t.db.costCode.findFirstOrThrow({ where: { companyId, intacctStandardTaskId: { not: null } } });
  const contract = (status: "DRAFT" | "PENDING_APPROVAL" | "APPROVED") =>
    t.db.contract.findFirstOrThrow({ where: { companyId, status }, include: { lines: true } });
  const approved = await contract("APPROVED");
  ids = {
    companyId,
    projectId: project.id,
    project: { number: project.number, name: project.name, city: project.city ?? "", state: project.state ?? "" },
    vendorId: vendor.id,
    vendorName: vendor.name,
    vendorIntacctId: vendor.intacctVendorId as string,
    costCodeId: costCode.id,
    costCode: { code: costCode.code, name: costCode.name, intacctStandardTaskId: costCode.intacctStandardTaskId },
    draftContractId: (await contract("DRAFT")).id,
    pendingContractId: (await contract("PENDING_APPROVAL")).id,
    approvedContractId: approved.id,
    approvedContractLineId: approved.lines[0]?.id as string,
    budgetChangeId: (await t.db.budgetChange.findFirstOrThrow({ where: { companyId } })).id,
    contractChangeId: (await t.db.contractChange.findFirstOrThrow({ where: { companyId } })).id,
    invoiceId: (await t.db.invoice.findFirstOrThrow({ where: { companyId } })).id,
    vendorImportId: (
      await t.db.vendorImport.create({
        data: {
          companyId,
          requestedById: demo.admin.id,
          requestedByName: demo.admin.name,
          state: "DONE",
          vendorIds: ["V-1026"],
          total: 1,
        },
      })
    ).id,
  };
  for (const file of discoverActionModules()) {
    const loaded = (await import(`${ROOT}/${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(loaded))
      if (typeof value === "function") actions.set(`${file}#${name}`, value as Action);
  }
}, 120_000);

afterAll(async () => {
  await demo?.mock.close();
  await t?.drop();
});

describe("attack matrix: server actions", () => {
  it("knows every server action, and every one it knows exists", () => {
    const discovered = [...actions.keys()].sort();
    expect(discovered.length).toBeGreaterThanOrEqual(28);
    expect(
      discovered.filter((key) => !ACTION_EXPECTATIONS[key]),
      "actions without an expectation",
    ).toEqual([]);
    expect(
      Object.keys(ACTION_EXPECTATIONS).filter((key) => !actions.has(key)),
      "expectations without an action",
    ).toEqual([]);
  });

  // The pages themselves are tried over HTTP (tests/e2e/attack-matrix.e2e.ts); a new one fails here first.
  it("knows every page, and every page it knows exists", () => {
    const routes = discoverPageRoutes();
    expect(
      routes.filter((route) => !PAGE_EXPECTATIONS[route]),
      "pages without an expectation",
    ).toEqual([]);
    expect(
      Object.keys(PAGE_EXPECTATIONS).filter((route) => !routes.includes(route)),
      "expectations without a page",
    ).toEqual([]);
  });

  it("refuses what each caller may not do, allows what it may, and never fails inside", async () => {
    for (const [key, expectation] of Object.entries(ACTION_EXPECTATIONS)) {
      const input = expectation.input(ids);
      if (expectation.roles !== "public" && !expectation.plain)
        await expectRefusal(key, "no session", input, null, ["UNAUTHENTICATED"]);
      for (const role of ROLES) {
        const allowed = expectation.roles === "public" || expectation.roles.includes(role);
        if (!allowed) {
          await expectRefusal(key, `as ${role}`, input, users[role], ["FORBIDDEN"]);
          continue;
        }
        const outcome = await call(key, expectation.input(ids), users[role]);
        if (outcome.kind === "internal") fail(key, `as ${role}`, outcome.detail);
        else if (outcome.kind === "refused" && isRoleRefusal(outcome))
          fail(key, `as ${role}`, `refused with ${outcome.code}, but the role is allowed`);
        else counts.allowedAsExpected++;
      }
      // Another company's admin, holding this company's ids.
      if (expectation.roles === "public") continue;
      if (expectation.crossTenant === "refused") {
        await expectRefusal(key, "as another company", expectation.input(ids), other.admin, "any", ids.companyId);
      } else {
        const before = await fingerprint(ids.companyId);
        const outcome = await call(key, expectation.input(ids), other.admin);
        if (outcome.kind === "internal") fail(key, "as another company", outcome.detail);
        else if (before !== (await fingerprint(ids.companyId))) fail(key, "as another company", "changed this company");
        else counts.allowedAsExpected++;
      }
    }
  }, 240_000);

  it("refuses bad input with a clear message, writes nothing when it refuses, and never fails inside", async () => {
    for (const [key, expectation] of Object.entries(ACTION_EXPECTATIONS)) {
      if (expectation.plain) continue;
      const caller = expectation.roles === "public" ? null : users.ADMIN;
      for (const bad of badInputsFor(expectation.input(ids), other.companyId)) {
        const what = `${bad.family}${bad.path ? ` in ${bad.path}` : ""}`;
        let outcome: Outcome;
        if (bad.mustRefuse) {
          outcome = await expectRefusal(key, what, bad.value, caller, "any");
        } else {
          const otherBefore = await fingerprint(other.companyId);
          outcome = await call(key, bad.value, caller);
          if (outcome.kind === "internal") fail(key, what, outcome.detail);
          else if (otherBefore !== (await fingerprint(other.companyId))) fail(key, what, "wrote into another company");
          else if (outcome.kind === "refused") counts.refusedAsExpected++;
          else counts.allowedAsExpected++;
        }
        // What a person can type gets an answer in the product's words.
        const typed = bad.typed && !expectation.pickerFields?.includes(String(bad.path.split(".")[0]));
        const zodWords =
          typed && outcome.kind === "refused" ? outcome.messages.filter((m) => ZOD_DEFAULT_MESSAGE.test(m)) : [];
        if (zodWords.length > 0) fail(key, what, `zod's own words: ${zodWords.join(" | ")}`);
      }
    }
    console.log(
      `attack matrix (actions): tried ${counts.tried}, refused as expected ${counts.refusedAsExpected}, allowed as expected ${counts.allowedAsExpected}, failures ${failures.length}`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
