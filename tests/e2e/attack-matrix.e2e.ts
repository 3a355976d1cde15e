// The attack matrix over HTTP, generated from the built app and the source (tests/helpers/attack-surface.ts):
// - every server action in the build's manifest, posted with bodies React never sends (not JSON, truncated,
//   multipart without its root, over the size limit) and from another site, to the page that owns it and to one
//   that does not: a 4xx each time (400, 413, 403), never a 5xx;
// - every page, without a session, as each role and as another company's admin holding this company's ids.
// The server-action inputs themselves (roles, tenants, bad values) are tests/integration/attack-matrix.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import pg from "pg";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  ACTION_EXPECTATIONS,
  discoverPageRoutes,
  fillRoute,
  PAGE_EXPECTATIONS,
  ROLES,
  ROOT,
  type TargetIds,
} from "../helpers/attack-surface";
import { OTHER_TENANT, readE2eInfo, signIn, USERS } from "./fixtures";

type ManifestEntry = {
  workers?: Record<string, { exportedName?: string; filename?: string }>;
  exportedName?: string;
  filename?: string;
};

/** Every server action of the build: its id, its source (file#export) and a page that owns it. */
function readBuiltActions(): { id: string; key: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const workers = Object.entries(entry.workers ?? {});
    const named = workers.map(([, worker]) => worker).find((worker) => worker.exportedName && worker.filename);
    const exportedName = entry.exportedName ?? named?.exportedName;
    const filename = (entry.filename ?? named?.filename ?? "").replace(/^\.\//, "");
    const page = workers.map(([worker]) => worker).find((worker) => worker.endsWith("/page")) ?? "app/login/page";
    return { id, key: `${filename}#${exportedName}`, page };
  });
}

async function loadTargetIds(): Promise<TargetIds> {
  const client = new pg.Client({ connectionString: readE2eInfo().databaseUrl });
  await client.connect();
  const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> => {
    const { rows } = await client.query<T>(sql, params);
    if (!rows[0]) throw new Error(`nothing for ${sql}`);
    return rows[0];
  };
  try {
    const company = await one<{ id: string }>(`SELECT id FROM "Company" WHERE name = 'Demo Construction Co'`);
    const project = await one<{ id: string; number: string; name: string; city: string; state: string }>(
      `SELECT id, number, name, coalesce(city, '') AS city, coalesce(state, '') AS state FROM "Project" WHERE "companyId" = $1 AND name = 'Riverside Medical Office Building'`,
      [company.id],
    );
    const inProject = (table: string) =>
      one<{ id: string }>(`SELECT id FROM "${table}" WHERE "projectId" = $1 ORDER BY number LIMIT 1`, [project.id]);
    const viaContract = (table: string) =>
      one<{ id: string }>(
        `SELECT t.id FROM "${table}" t JOIN "Contract" c ON c.id = t."contractId" WHERE c."projectId" = $1 ORDER BY t.number LIMIT 1`,
        [project.id],
      );
    const vendor = await one<{ id: string; name: string }>(
      `SELECT id, name FROM "AccountingCompany" WHERE "companyId" = $1 ORDER BY name LIMIT 1`,
      [company.id],
    );
    const costCode = await one<{ id: string; code: string; name: string }>(
      `SELECT id, code, name FROM "CostCode" WHERE "companyId" = $1 ORDER BY code LIMIT 1`,
      [company.id],
    );
    const contract = await inProject("Contract");
    return {
      companyId: company.id,
      projectId: project.id,
      project: { number: project.number, name: project.name, city: project.city, state: project.state },
      vendorId: vendor.id,
      vendorName: vendor.name,
      vendorIntacctId: "",
      costCodeId: costCode.id,
      costCode: { code: costCode.code, name: costCode.name, intacctStandardTaskId: null },
      draftContractId: contract.id,
      pendingContractId: contract.id,
      approvedContractId: contract.id,
      approvedContractLineId: "",
      budgetChangeId: (await inProject("BudgetChange")).id,
      contractChangeId: (await viaContract("ContractChange")).id,
      invoiceId: (await viaContract("Invoice")).id,
      // No import needs to exist: an id that names none is refused the same way for every caller.
      vendorImportId: company.id,
    };
  } finally {
    await client.end();
  }
}

async function signedInRequest(browser: Browser, email: string | null): Promise<APIRequestContext> {
  const page = await (await browser.newContext()).newPage();
  if (email) await signIn(page, email);
  return page.request;
}

const counts = { tried: 0, refusedAsExpected: 0, allowedAsExpected: 0 };

test("attack matrix over HTTP: every action with bodies React never sends, every page as every caller", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const failures: string[] = [];
  const ids = await loadTargetIds();

  // ---- Actions ----
  const built = readBuiltActions();
  const builtKeys = new Set(built.map((action) => action.key));
  expect(built.length).toBeGreaterThanOrEqual(28);
  expect(
    [...builtKeys].filter((key) => !ACTION_EXPECTATIONS[key]),
    "built actions without an expectation",
  ).toEqual([]);
  expect(
    Object.keys(ACTION_EXPECTATIONS).filter((key) => !builtKeys.has(key)),
    "expectations not built",
  ).toEqual([]);

  const pm = await signedInRequest(browser, USERS.pm);
  const origin = new URL(baseURL as string);
  const multipart = (parts: Record<string, string>, close = true) => {
    const body = Object.entries(parts)
      .map(([name, value]) => `--matrix\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("");
    return { body: `${body}${close ? "--matrix--\r\n" : ""}`, type: "multipart/form-data; boundary=matrix" };
  };
  const bodies: { family: string; body: string; type: string; headers?: Record<string, string>; status: number }[] = [
    { family: "not JSON", body: "name=hello&code=1", type: "text/plain;charset=UTF-8", status: 400 },
    { family: "truncated JSON", body: '[{"name":"half', type: "text/plain;charset=UTF-8", status: 400 },
    { family: "JSON that is not the arguments", body: '{"name":"x"}', type: "text/plain;charset=UTF-8", status: 400 },
    { family: "multipart without its root", ...multipart({ name: "x" }), status: 400 },
    { family: "truncated multipart", ...multipart({ 0: '[{"name":"x"}]' }, false), status: 400 },
    {
      family: "over the size limit",
      body: JSON.stringify([{ name: "x".repeat(1_100_000) }]),
      type: "text/plain;charset=UTF-8",
      status: 413,
    },
    {
      family: "from another site",
      body: "[{}]",
      type: "text/plain;charset=UTF-8",
      headers: { origin: "https://evil.example" },
      status: 403,
    },
  ];
  for (const action of built) {
    // "app/(app)/lists/cost-codes/[id]/page" → "/lists/cost-codes/[id]"
    const segments = action.page
      .split("/")
      .slice(1, -1)
      .filter((segment) => !/^\(.*\)$/.test(segment));
    const owner = `/${segments.join("/")}`;
    const ownerPath = owner === "/" ? "/" : fillRoute(owner, ids);
    for (const target of [ownerPath, "/login"]) {
      for (const bad of bodies) {
        counts.tried++;
        const response = await pm.post(target, {
          headers: {
            "next-action": action.id,
            "content-type": bad.type,
            origin: origin.origin,
            accept: "text/x-component",
            ...bad.headers,
          },
          data: bad.body,
          maxRedirects: 0,
        });
        const what = `${action.key.split("#")[1]} to ${target}: ${bad.family}`;
        if (response.status() !== bad.status) failures.push(`${what}: ${response.status()}, expected ${bad.status}`);
        else counts.refusedAsExpected++;
      }
    }
  }

  // ---- Pages ----
  const routes = discoverPageRoutes();
  expect(
    routes.filter((route) => !PAGE_EXPECTATIONS[route]),
    "pages without an expectation",
  ).toEqual([]);
  expect(
    Object.keys(PAGE_EXPECTATIONS).filter((route) => !routes.includes(route)),
    "expectations without a page",
  ).toEqual([]);
  const callers: { who: string; role: Role | null; otherCompany?: boolean; request: APIRequestContext }[] = [
    { who: "no session", role: null, request: await signedInRequest(browser, null) },
    { who: "ADMIN", role: "ADMIN", request: await signedInRequest(browser, USERS.admin) },
    { who: "PROJECT_MANAGER", role: "PROJECT_MANAGER", request: pm },
    { who: "VIEWER", role: "VIEWER", request: await signedInRequest(browser, USERS.viewer) },
    { who: "ACCOUNTANT", role: "ACCOUNTANT", request: await signedInRequest(browser, USERS.accountant) },
    {
      who: "another company's admin",
      role: "ADMIN",
      otherCompany: true,
      request: await signedInRequest(browser, OTHER_TENANT.admin),
    },
  ];
  expect(ROLES.every((role) => callers.some((caller) => caller.role === role))).toBe(true);
  for (const route of routes) {
    const expectation = PAGE_EXPECTATIONS[route];
    if (!expectation) continue;
    const url = fillRoute(route, ids);
    for (const caller of callers) {
      counts.tried++;
      const response = await caller.request.get(url, { maxRedirects: 0 });
      const status = response.status();
      const location = response.headers()["location"] ?? "";
      let expected: string;
      let ok: boolean;
      if (expectation.roles === "public") {
        expected = caller.role ? "a redirect into the app" : "200";
        ok = caller.role ? status === 307 && location.startsWith("/") : status === 200;
      } else if (!caller.role) {
        expected = "a redirect to /login";
        ok = status === 307 && location.startsWith("/login");
      } else if (!expectation.roles.includes(caller.role)) {
        expected = "403";
        ok = status === 403;
      } else if (caller.otherCompany && route.includes("[")) {
        expected = "404";
        ok = status === 404;
      } else {
        expected = "200 or a redirect within the app";
        ok = status === 200 || (status === 307 && location.startsWith("/") && !location.startsWith("//"));
      }
      if (status >= 500 || !ok) failures.push(`${route} as ${caller.who}: ${status} ${location}, expected ${expected}`);
      else if (status === 200) counts.allowedAsExpected++;
      else counts.refusedAsExpected++;
    }
  }

  console.log(
    `attack matrix (HTTP): tried ${counts.tried}, refused as expected ${counts.refusedAsExpected}, allowed as expected ${counts.allowedAsExpected}, failures ${failures.length}`,
  );
  expect(failures).toEqual([]);
});
