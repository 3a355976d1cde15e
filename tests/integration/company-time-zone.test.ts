// The company's time zone: an admin's choice (audit-logged), the browser's zone at the first connect only while none
// is set, and the session carries it so every page formats times in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, validateSessionToken } from "@/lib/auth/sessions";
import {
  defaultCompanyTimeZone,
  getCompanyTimeZone,
  saveCompanyTimeZone,
  ZTimeZoneInput,
} from "@/lib/company/time-zone";
import { buildCompany, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let other: TestCompany;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Zone Co");
  other = await buildCompany(t.db, "Other Zone Co");
}, 60_000);
afterAll(async () => {
  await t?.drop();
});

const audit = (companyId: string) =>
  t.db.auditLog.findMany({ where: { companyId, action: "company.time-zone" }, orderBy: { createdAt: "asc" } });

describe("company time zone", () => {
  it("starts unset (shown as UTC), and the session says UTC", async () => {
    expect(await getCompanyTimeZone(t.db, c.admin)).toEqual({ timeZone: "UTC", isSet: false });
    const { token } = await createSession(t.db, c.admin.id);
    expect((await validateSessionToken(t.db, token))?.timeZone).toBe("UTC");
  });

  it("takes the browser's zone at the first connect, once, audit-logged; a bogus zone is ignored", async () => {
    await defaultCompanyTimeZone(t.db, c.admin, "Not/AZone");
    expect(await getCompanyTimeZone(t.db, c.admin)).toEqual({ timeZone: "UTC", isSet: false });
    await defaultCompanyTimeZone(t.db, c.admin, "America/Denver");
    await defaultCompanyTimeZone(t.db, c.admin, "Europe/Paris");
    expect(await getCompanyTimeZone(t.db, c.admin)).toEqual({ timeZone: "America/Denver", isSet: true });
    expect((await audit(c.companyId)).map((a) => a.detail)).toEqual([
      "Time zone: America/Denver (from the browser at setup)",
    ]);
  });

  it("an admin's choice replaces it, audit-logged with before and after, for this company only", async () => {
    await saveCompanyTimeZone(t.db, c.admin, { timeZone: "America/Chicago" });
    expect(await getCompanyTimeZone(t.db, c.admin)).toEqual({ timeZone: "America/Chicago", isSet: true });
    expect(await getCompanyTimeZone(t.db, other.admin)).toEqual({ timeZone: "UTC", isSet: false });
    const entries = await audit(c.companyId);
    expect(entries.at(-1)).toMatchObject({
      actorId: c.admin.id,
      outcome: "success",
      detail: "Time zone: America/Denver → America/Chicago",
    });
    const { token } = await createSession(t.db, c.pm.id);
    expect((await validateSessionToken(t.db, token))?.timeZone).toBe("America/Chicago");
    // The browser never overrides an admin's choice.
    await defaultCompanyTimeZone(t.db, c.admin, "Asia/Tokyo");
    expect((await getCompanyTimeZone(t.db, c.admin)).timeZone).toBe("America/Chicago");
  });

  it("refuses a zone that is not an IANA zone with a clear message", () => {
    const result = ZTimeZoneInput.safeParse({ timeZone: "Central Time" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Choose a time zone from the list, e.g. America/Chicago");
    expect(ZTimeZoneInput.parse({ timeZone: " Europe/Paris " })).toEqual({ timeZone: "Europe/Paris" });
  });
});
