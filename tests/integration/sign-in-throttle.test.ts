// The sign-in form slows password guessing: failures count per email+IP, per email and per IP; successes do not.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SIGN_IN_FAILURES_ALLOWED } from "@/lib/auth/sign-in-throttle";
import { buildCompany, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("server-only", () => ({}));
vi.mock("next/navigation", () => ({ redirect: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ set: () => {}, get: () => undefined, delete: () => {} }),
}));

let t: TestDb;
let c: TestCompany;
let signInAction: typeof import("@/app/login/actions").signInAction;

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  c = await buildCompany(t.db, "Throttle Co");
  ({ signInAction } = await import("@/app/login/actions"));
});
afterAll(async () => t?.drop());

const from = (ip: string) => {
  request.headers = new Headers({ "x-forwarded-for": ip });
};
const attempt = (email: string, password: string) => signInAction({ email, password });

describe("sign-in throttle", () => {
  it("pauses an email after 10 failures from one address, says for how long, and no longer checks the password", async () => {
    from("203.0.113.7");
    for (let failure = 1; failure < SIGN_IN_FAILURES_ALLOWED.emailAndIp; failure++) {
      expect((await attempt(c.pm.email, "wrong")).serverError).toMatchObject({ code: "UNAUTHENTICATED" });
    }
    expect((await attempt(c.pm.email, "wrong")).serverError).toEqual({
      code: "RATE_LIMITED",
      message: "That email and password don't match an account. Too many failed sign-ins for this email: try again in 15 minutes.",
    });
    // Even the right password waits now: the guessing must not learn that it found it.
    expect((await attempt(c.pm.email, "demo-password")).serverError).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^Too many failed sign-ins for this email: try again in 1[45] minutes\.$/) });
    // Another account from the same address, and this account from another address, are not paused.
    expect((await attempt(c.admin.email, "demo-password")).data).toEqual({ ok: true });
    from("198.51.100.20");
    expect((await attempt(c.pm.email, "demo-password")).data).toEqual({ ok: true });
  });

  it("a successful sign-in clears that address's count, so a person who mistypes now and then is never paused", async () => {
    from("192.0.2.44");
    for (let round = 0; round < 3; round++) {
      for (let failure = 1; failure < SIGN_IN_FAILURES_ALLOWED.emailAndIp; failure++) await attempt(c.viewer.email, "typo");
      expect((await attempt(c.viewer.email, "demo-password")).data).toEqual({ ok: true });
    }
  });

  it("counts failures that arrive at once exactly (the store increments atomically)", async () => {
    from("192.0.2.99");
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt(c.pm2.email, "wrong")));
    const codes = results.map((result) => result.serverError?.code);
    expect(codes.filter((code) => code === "UNAUTHENTICATED")).toHaveLength(SIGN_IN_FAILURES_ALLOWED.emailAndIp - 1);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(12 - (SIGN_IN_FAILURES_ALLOWED.emailAndIp - 1));
    const rows = await t.db.loginThrottle.findMany({ where: { OR: [{ key: { contains: c.pm2.email } }, { key: "ip:192.0.2.99" }] }, orderBy: { key: "asc" } });
    expect(rows.map((row) => [row.key, row.points])).toEqual([
      [`email+ip:${c.pm2.email}|192.0.2.99`, 12],
      [`email:${c.pm2.email}`, 12],
      ["ip:192.0.2.99", 12],
    ]);
  });
});
