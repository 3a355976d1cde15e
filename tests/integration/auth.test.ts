import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_DAYS, validateSessionToken } from "@/lib/auth/sessions";
import { signIn, signOut } from "@/lib/auth/sign-in";
import { buildCompany, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let c: TestCompany;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Auth Co");
});
afterAll(async () => t?.drop());

describe("sign-in and sessions", () => {
  it("signs in with the right password and resolves the session to the user, company and role", async () => {
    const session = await signIn(t.db, c.pm.email, "demo-password");
    expect(session).not.toBeNull();
    const user = await validateSessionToken(t.db, session?.token ?? "");
    expect(user).toMatchObject({ id: c.pm.id, companyId: c.companyId, role: "PROJECT_MANAGER" });
  });

  it("accepts the email in any case", async () => {
    expect(await signIn(t.db, c.admin.email.toUpperCase(), "demo-password")).not.toBeNull();
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    expect(await signIn(t.db, c.pm.email, "wrong")).toBeNull();
    expect(await signIn(t.db, "nobody@example.test", "demo-password")).toBeNull();
  });

  it("stores only a hash of the session token", async () => {
    const session = await signIn(t.db, c.viewer.email, "demo-password");
    const rows = await t.db.session.findMany({ where: { userId: c.viewer.id } });
    expect(rows.some((r) => r.id === session?.token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it("expires idle sessions and slides active ones", async () => {
    const session = await signIn(t.db, c.pm2.email, "demo-password");
    const token = session?.token ?? "";
    const later = new Date(Date.now() + (SESSION_DAYS - 2) * DAY);
    expect(await validateSessionToken(t.db, token, later)).not.toBeNull();
    const row = await t.db.session.findFirstOrThrow({ where: { userId: c.pm2.id }, orderBy: { expiresAt: "desc" } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(later.getTime() + (SESSION_DAYS - 1) * DAY);
    expect(await validateSessionToken(t.db, token, new Date(row.expiresAt.getTime() + 1))).toBeNull();
  });

  it("signing out ends the session", async () => {
    const session = await signIn(t.db, c.admin.email, "demo-password");
    await signOut(t.db, session?.token ?? "");
    expect(await validateSessionToken(t.db, session?.token ?? "")).toBeNull();
  });

  it("ignores garbage tokens", async () => {
    expect(await validateSessionToken(t.db, "")).toBeNull();
    expect(await validateSessionToken(t.db, "x".repeat(5000))).toBeNull();
  });
});
