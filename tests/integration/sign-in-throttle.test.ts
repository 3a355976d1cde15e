// The sign-in form slows password guessing: every attempt is counted before its password is checked, per email
// (and address, behind a trusted proxy), per email overall and per address; a successful sign-in gives its
// attempt back.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readClientAddress, SIGN_IN_ATTEMPTS_ALLOWED } from "@/lib/auth/sign-in-throttle";
import { buildCompany, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

// `jar`: the browser's cookies, for the tests of device cookies; null is a browser that keeps none.
const request = vi.hoisted(() => ({ headers: new Headers(), jar: null as Map<string, string> | null }));
vi.mock("server-only", () => ({}));
vi.mock("next/navigation", () => ({ redirect: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    set: (name: string, value: string) => request.jar?.set(name, value),
    get: (name: string) => {
      const value = request.jar?.get(name);
      return value === undefined ? undefined : { name, value };
    },
    delete: (name: string) => request.jar?.delete(name),
  }),
}));

let t: TestDb;
let signInAction: typeof import("@/app/login/actions").signInAction;

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  ({ signInAction } = await import("@/app/login/actions"));
});
afterAll(async () => t?.drop());
afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
  request.jar = null;
});

const from = (forwardedFor: string) => {
  request.headers = new Headers({ "x-forwarded-for": forwardedFor });
};
const attempt = (email: string, password: string) => signInAction({ email, password });
const passwordChecked = (result: Awaited<ReturnType<typeof attempt>>) =>
  result.data?.ok === true || /don't match an account/.test(result.serverError?.message ?? "");
let companies = 0;
const newCompany = async (): Promise<TestCompany> => buildCompany(t.db, `Throttle Co ${++companies}`);

describe("sign-in throttle", () => {
  it("pauses an email after 10 failed checks, says for how long, and then checks no password at all", async () => {
    const c = await newCompany();
    from("203.0.113.7");
    for (let failure = 1; failure < SIGN_IN_ATTEMPTS_ALLOWED.short; failure++) {
      expect((await attempt(c.pm.email, "wrong")).serverError).toMatchObject({ code: "UNAUTHENTICATED" });
    }
    expect((await attempt(c.pm.email, "wrong")).serverError).toEqual({
      code: "RATE_LIMITED",
      message:
        "That email and password don't match an account. Too many failed sign-ins for this email: try again in 15 minutes.",
    });
    // Even the right password waits now: the guessing must not learn that it found it.
    expect((await attempt(c.pm.email, "demo-password")).serverError).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^Too many failed sign-ins for this email: try again in 1[45] minutes\.$/),
    });
    // Without a trusted proxy the address is the client's own say, so another X-Forwarded-For changes nothing.
    from("198.51.100.20");
    expect((await attempt(c.pm.email, "demo-password")).serverError).toMatchObject({ code: "RATE_LIMITED" });
    // Another account is not paused.
    expect((await attempt(c.admin.email, "demo-password")).data).toEqual({ ok: true });
  });

  it("guesses sent at once are counted before any is checked: 30 in parallel get 10 password checks", async () => {
    const c = await newCompany();
    from("192.0.2.99");
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt(c.pm2.email, "wrong")));
    expect(results.filter(passwordChecked)).toHaveLength(SIGN_IN_ATTEMPTS_ALLOWED.short);
    expect(
      results
        .filter((result) => !passwordChecked(result))
        .every((result) => result.serverError?.code === "RATE_LIMITED"),
    ).toBe(true);
    expect((await attempt(c.pm2.email, "demo-password")).serverError).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("a successful sign-in gives its attempt back, so a person who mistypes now and then is never paused", async () => {
    const c = await newCompany();
    from("192.0.2.44");
    for (let round = 0; round < 3; round++) {
      for (let failure = 1; failure < SIGN_IN_ATTEMPTS_ALLOWED.short; failure++) await attempt(c.viewer.email, "typo");
      expect((await attempt(c.viewer.email, "demo-password")).data).toEqual({ ok: true });
    }
  });

  it("behind a trusted proxy, the short count is per email and address: one office's typos do not pause another's", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    const c = await newCompany();
    from("203.0.113.50, 10.0.0.1");
    for (let failure = 1; failure <= SIGN_IN_ATTEMPTS_ALLOWED.short; failure++) await attempt(c.pm.email, "wrong");
    expect((await attempt(c.pm.email, "demo-password")).serverError).toMatchObject({ code: "RATE_LIMITED" });
    from("203.0.113.50, 10.0.0.2");
    expect((await attempt(c.pm.email, "demo-password")).data).toEqual({ ok: true });
  });

  it("a browser that signed in before is not paused by strangers' failures, and has its own counter", async () => {
    const c = await newCompany();
    from("192.0.2.10");
    const own = new Map<string, string>();
    request.jar = own;
    expect((await attempt(c.pm.email, "demo-password")).data).toEqual({ ok: true });
    expect(own.get("ib_device")).toMatch(/^[\w-]{22}\.[\w-]+$/);

    // Strangers (no device cookie) use up the email's attempts: strangers are paused, the user's browser is not.
    request.jar = new Map();
    for (let failure = 1; failure <= SIGN_IN_ATTEMPTS_ALLOWED.short; failure++) await attempt(c.pm.email, "guess");
    expect((await attempt(c.pm.email, "demo-password")).serverError).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("for this email"),
    });
    request.jar = own;
    expect((await attempt(c.pm.email, "demo-password")).data).toEqual({ ok: true });

    // The known browser's own failures pause that browser only, and say so.
    for (let failure = 1; failure < SIGN_IN_ATTEMPTS_ALLOWED.device; failure++) {
      expect((await attempt(c.pm.email, "typo")).serverError).toMatchObject({ code: "UNAUTHENTICATED" });
    }
    expect((await attempt(c.pm.email, "typo")).serverError).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("Too many failed sign-ins in this browser"),
    });
    expect((await attempt(c.pm.email, "demo-password")).serverError).toMatchObject({ code: "RATE_LIMITED" });
    // A second browser that signed in before is unaffected by the first one's pause.
    const other = new Map<string, string>();
    request.jar = other;
    expect((await attempt(c.admin.email, "demo-password")).data).toEqual({ ok: true });
  });

  it("a device cookie counts only for the account it was issued to, and only when its signature holds", async () => {
    const c = await newCompany();
    from("192.0.2.11");
    const jar = new Map<string, string>();
    request.jar = jar;
    expect((await attempt(c.viewer.email, "demo-password")).data).toEqual({ ok: true });
    const issued = jar.get("ib_device") as string;
    // Strangers pause the pm's email; the viewer's cookie, a forged one and a tampered one are all strangers there.
    request.jar = new Map();
    for (let failure = 1; failure <= SIGN_IN_ATTEMPTS_ALLOWED.short; failure++) await attempt(c.pm.email, "guess");
    const [deviceId = "", signature = ""] = issued.split(".");
    const otherDevice = `${deviceId.startsWith("A") ? "B" : "A"}${deviceId.slice(1)}`;
    for (const cookie of [issued, `${deviceId}.forged-signature`, `${otherDevice}.${signature}`]) {
      request.jar = new Map([["ib_device", cookie]]);
      expect((await attempt(c.pm.email, "demo-password")).serverError, cookie).toMatchObject({ code: "RATE_LIMITED" });
    }
  });

  it("reads the client's address only from the entries trusted proxies wrote", () => {
    expect(readClientAddress(null, 1)).toBeUndefined();
    expect(readClientAddress("198.51.100.1", 0)).toBeUndefined();
    expect(readClientAddress("6.6.6.6, 198.51.100.1, 10.0.0.2", 1)).toBe("10.0.0.2");
    expect(readClientAddress("6.6.6.6, 198.51.100.1, 10.0.0.2", 2)).toBe("198.51.100.1");
    expect(readClientAddress("10.0.0.2", 2)).toBeUndefined();
  });
});
