// The one wrapper every server action goes through: session, declared roles, zod, and error mapping.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readActionErrors, readServerError } from "@/components/forms/action-result";
import type { SessionUser } from "@/lib/auth/sessions";
import { buildCompany, buildContract, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

let t: TestDb;
let c: TestCompany;
let other: TestCompany;
let actions: typeof import("@/app/(app)/projects/actions");

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  c = await buildCompany(t.db, "Wrapper Co");
  other = await buildCompany(t.db, "Other Co");
  actions = await import("@/app/(app)/projects/actions");
});
afterAll(async () => t?.drop());

describe("server action wrapper", () => {
  it("refuses a signed-out caller", async () => {
    session.user = null;
    const result = await actions.submitItemAction({ itemType: "CONTRACT", id: c.projectId });
    expect(result.serverError).toMatchObject({ code: "UNAUTHENTICATED" });
    // Every panel reads a refusal the same way, so each can offer "Sign in in a new tab" (ActionMessage).
    expect(readServerError(result)).toEqual({
      message: "Your session has ended. Sign in again to continue.",
      signedOut: true,
    });
    session.user = c.viewer;
    expect(
      readServerError(await actions.submitItemAction({ itemType: "CONTRACT", id: c.projectId })),
    ).not.toHaveProperty("signedOut");
  });

  it("enforces the roles an action declares: a viewer cannot save or approve", async () => {
    const { id } = await buildContract(t.db, c);
    session.user = c.viewer;
    expect((await actions.submitItemAction({ itemType: "CONTRACT", id })).serverError).toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await actions.approveItemAction({ itemType: "CONTRACT", id })).serverError).toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await t.db.contract.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
  });

  it("returns field errors for bad input before the action runs", async () => {
    session.user = c.pm;
    const result = await actions.saveBudgetChangeAction({
      projectId: "nope",
      number: "",
      title: "x",
      reason: "",
      lines: [],
    });
    expect(readActionErrors(result).fields).toMatchObject({
      projectId: expect.any(Array),
      number: expect.any(Array),
      lines: ["Add at least one line"],
    });
  });

  it("names the line and the field of an error inside a line, for all of them", async () => {
    session.user = c.pm;
    const lines = [
      { costCodeId: c.costCodeIds[0] as string, description: "Fine", amount: "100.00" },
      { costCodeId: c.costCodeIds[0] as string, description: "", amount: "abc" },
      { costCodeId: "nope", description: "x".repeat(300), amount: "1e309" },
    ];
    const result = await actions.saveContractAction({
      projectId: c.projectId,
      accountingCompanyId: c.vendorId,
      number: "SC-LINES",
      title: "Lines",
      description: "",
      startDate: "2026-03-01",
      endDate: "",
      retainagePercent: "",
      lines,
    });
    const errors = readActionErrors(result);
    expect(errors.message).toBe("Some fields need attention.");
    expect(errors.fields.lines).toEqual([
      "Line 2 description: Description is required",
      "Line 2 amount: Enter an amount like 1250.00",
      "Line 3 cost code: Choose a cost code",
      "Line 3 description: Must be 200 characters or fewer",
      "Line 3 amount: Enter an amount like 1250.00",
    ]);
  });

  it("maps domain errors to their user message and hides unexpected ones", async () => {
    session.user = other.admin;
    const { id } = await buildContract(t.db, c);
    const notFound = await actions.submitItemAction({ itemType: "CONTRACT", id });
    expect(notFound.serverError).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("was not found"),
    });
    session.user = { ...c.pm, companyId: "not-a-uuid" };
    const broken = await actions.submitItemAction({ itemType: "CONTRACT", id });
    expect(broken.serverError).toEqual({ code: "INTERNAL", message: expect.stringContaining("Something went wrong") });
  });

  it("lets a project manager save and submit in their own company", async () => {
    session.user = c.pm;
    const { id } = await buildContract(t.db, c);
    expect((await actions.submitItemAction({ itemType: "CONTRACT", id })).data).toEqual({ ok: true });
  });
});
