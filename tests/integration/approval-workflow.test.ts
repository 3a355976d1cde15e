import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { approveItem, listEvents, rejectItem, submitItem } from "@/lib/financials/approval";
import { getBudgetChange, saveBudgetChange } from "@/lib/financials/budget-changes";
import { saveBudget } from "@/lib/financials/budgets";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { getContractLineBalances, listAddedScope, sumRevisedValue } from "@/lib/financials/contract-balances";
import { getContract } from "@/lib/financials/contracts";
import { saveInvoice } from "@/lib/financials/invoices";
import { buildBudget, buildCompany, buildContract, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let other: TestCompany;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Builder A");
  other = await buildCompany(t.db, "Builder B");
});
afterAll(async () => t?.drop());

async function expectAppError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), `expected AppError ${code}, got ${String(error)}`).toBe(true);
  if (!isAppError(error)) return;
  expect(error.code).toBe(code);
  if (message) expect(error.userMessage).toMatch(message);
}

describe("approval workflow", () => {
  it("moves an item Draft → Pending approval → Approved and records who and when", async () => {
    const { id } = await buildContract(t.db, c);
    await submitItem(t.db, c.pm, "CONTRACT", id);
    await approveItem(t.db, c.pm2, "CONTRACT", id);
    const contract = await getContract(t.db, c.pm, id);
    expect(contract.status).toBe("APPROVED");
    expect(contract.submittedById).toBe(c.pm.id);
    expect(contract.decidedById).toBe(c.pm2.id);
    expect(contract.decidedAt).toBeInstanceOf(Date);
    const events = await listEvents(t.db, c.pm, "CONTRACT", id);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["CREATED", c.pm.id],
      ["SUBMITTED", c.pm.id],
      ["APPROVED", c.pm2.id],
    ]);
  });

  it("a project manager cannot approve their own submission; an admin can", async () => {
    const first = await buildContract(t.db, c);
    await submitItem(t.db, c.pm, "CONTRACT", first.id);
    await expectAppError(approveItem(t.db, c.pm, "CONTRACT", first.id), "FORBIDDEN", /someone else/);
    const second = await buildContract(t.db, c);
    await submitItem(t.db, c.admin, "CONTRACT", second.id);
    await approveItem(t.db, c.admin, "CONTRACT", second.id);
    expect((await getContract(t.db, c.admin, second.id)).status).toBe("APPROVED");
  });

  it("a decision applies to the submission it was checked on: one submitted again meanwhile is not decided unseen", async () => {
    const { id } = await buildContract(t.db, c);
    await submitItem(t.db, c.pm2, "CONTRACT", id);
    const seen = (await getContract(t.db, c.pm, id)).submittedAt?.toISOString();
    // pm's approve has passed its checks (pm2 submitted) when pm, in another tab, rejects and resubmits it.
    let interleaved = false;
    const racing = new Proxy(t.db, {
      get(target, key, receiver) {
        if (key !== "$transaction") return Reflect.get(target, key, receiver);
        return async (...args: Parameters<typeof target.$transaction>) => {
          if (!interleaved) {
            interleaved = true;
            await rejectItem(t.db, c.pm, "CONTRACT", id, "Fixing the amounts");
            await submitItem(t.db, c.pm, "CONTRACT", id);
          }
          return (target.$transaction as (...a: typeof args) => unknown)(...args);
        };
      },
    });
    await expectAppError(
      approveItem(racing, c.pm, "CONTRACT", id, { seenSubmittedAt: seen }),
      "INVALID_STATE",
      /submitted again since you opened it/,
    );
    const after = await getContract(t.db, c.pm, id);
    expect([after.status, after.submittedById, after.decidedById]).toEqual(["PENDING_APPROVAL", c.pm.id, null]);
    // The page pm2 opened before the resubmission is stale too; reloaded, pm2 decides on what is there now.
    await expectAppError(
      rejectItem(t.db, c.pm2, "CONTRACT", id, "No", { seenSubmittedAt: seen }),
      "INVALID_STATE",
      /Refresh the page/,
    );
    await approveItem(t.db, c.pm2, "CONTRACT", id, { seenSubmittedAt: after.submittedAt?.toISOString() });
    expect((await getContract(t.db, c.pm, id)).status).toBe("APPROVED");
  });

  it("rejection records the reason; editing a rejected item returns it to draft", async () => {
    const { id } = await buildContract(t.db, c);
    await submitItem(t.db, c.pm, "CONTRACT", id);
    await rejectItem(t.db, c.pm2, "CONTRACT", id, "Wrong vendor");
    const rejected = await getContract(t.db, c.pm, id);
    expect(rejected.status).toBe("REJECTED");
    expect(rejected.rejectionReason).toBe("Wrong vendor");
    const events = await listEvents(t.db, c.pm, "CONTRACT", id);
    expect(events.at(-1)).toMatchObject({ action: "REJECTED", comment: "Wrong vendor" });
  });

  it("approved items are locked against edits", async () => {
    const budget = await buildBudget(t.db, c);
    await submitItem(t.db, c.pm, "BUDGET", budget.id);
    await approveItem(t.db, c.pm2, "BUDGET", budget.id);
    await expectAppError(
      saveBudget(t.db, c.pm, {
        projectId: c.projectId,
        title: "Changed",
        lines: [{ costCodeId: c.costCodeIds[0] as string, description: "", amount: 1 }],
      }),
      "INVALID_STATE",
      /approved and can no longer be edited/,
    );
  });

  it("approving twice, or approving a draft, is refused with a message to refresh", async () => {
    const { id } = await buildContract(t.db, c);
    await expectAppError(approveItem(t.db, c.pm2, "CONTRACT", id), "INVALID_STATE", /pending approval/);
    await submitItem(t.db, c.pm, "CONTRACT", id);
    const results = await Promise.allSettled([
      approveItem(t.db, c.pm2, "CONTRACT", id),
      approveItem(t.db, c.admin, "CONTRACT", id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const events = await listEvents(t.db, c.pm, "CONTRACT", id);
    expect(events.filter((e) => e.action === "APPROVED")).toHaveLength(1);
  });

  it("another company's item is not found, whatever the role", async () => {
    const { id } = await buildContract(t.db, c);
    await expectAppError(getContract(t.db, other.admin, id), "NOT_FOUND");
    await expectAppError(submitItem(t.db, other.admin, "CONTRACT", id), "NOT_FOUND");
    await expectAppError(approveItem(t.db, other.admin, "CONTRACT", id), "NOT_FOUND");
  });

  it("refuses another company's cost code or vendor on save", async () => {
    await expectAppError(
      saveBudgetChange(t.db, c.pm, {
        projectId: c.projectId,
        number: "BC-X",
        title: "x",
        reason: "",
        lines: [{ costCodeId: other.costCodeIds[0] as string, description: "", amount: 5 }],
      }),
      "INVALID_INPUT",
      /cost codes was not found/,
    );
    await expectAppError(
      buildContract(t.db, { ...c, vendorId: other.vendorId }),
      "INVALID_INPUT",
      /accounting company/,
    );
  });
});

describe("rules between items", () => {
  it("a budget change can be submitted only once the budget is approved", async () => {
    const company = await buildCompany(t.db, "Builder C");
    const budget = await buildBudget(t.db, company);
    const change = await saveBudgetChange(t.db, company.pm, {
      projectId: company.projectId,
      number: "BC-001",
      title: "More",
      reason: "",
      lines: [{ costCodeId: company.costCodeIds[0] as string, description: "", amount: -500 }],
    });
    await expectAppError(
      submitItem(t.db, company.pm, "BUDGET_CHANGE", change.id),
      "INVALID_STATE",
      /budget must be approved/,
    );
    await submitItem(t.db, company.pm, "BUDGET", budget.id);
    await approveItem(t.db, company.pm2, "BUDGET", budget.id);
    await submitItem(t.db, company.pm, "BUDGET_CHANGE", change.id);
    expect((await getBudgetChange(t.db, company.pm, change.id)).status).toBe("PENDING_APPROVAL");
  });

  it("contract changes and invoices need an approved contract, and invoices cannot exceed what remains", async () => {
    const { id } = await buildContract(t.db, c, { amounts: [10_000_00] });
    const [line] = await getContractLineBalances(t.db, c.pm, id);
    if (!line) throw new Error("no line");
    const changeInput = {
      contractId: id,
      number: "CO-01",
      title: "Add",
      reason: "",
      lines: [{ contractLineId: line.id, description: "more", amount: 2_000_00 }],
    };
    const invoiceBase = {
      contractId: id,
      invoiceDate: new Date("2026-04-30T00:00:00Z"),
      dueDate: new Date("2026-05-30T00:00:00Z"),
      retainagePercent: 1000,
    };
    // Refused at save, not only at submit: a draft pointing at a draft contract's lines locked the contract
    // against edits (its lines could no longer be replaced), so every edit of it failed.
    await expectAppError(saveContractChange(t.db, c.pm, changeInput), "INVALID_STATE", /is not approved yet/);
    await expectAppError(
      saveInvoice(t.db, c.pm, {
        ...invoiceBase,
        number: "INV-0",
        lines: [{ contractLineId: line.id, description: "", amount: 1_00 }],
      }),
      "INVALID_STATE",
      /is not approved yet/,
    );
    await submitItem(t.db, c.pm, "CONTRACT", id);
    await approveItem(t.db, c.pm2, "CONTRACT", id);
    const change = await saveContractChange(t.db, c.pm, changeInput);
    await submitItem(t.db, c.pm, "CONTRACT_CHANGE", change.id);
    await approveItem(t.db, c.pm2, "CONTRACT_CHANGE", change.id);
    const [revised] = await getContractLineBalances(t.db, c.pm, id);
    expect(revised?.revisedCents).toBe(12_000_00);

    const invoice = await saveInvoice(t.db, c.pm, {
      ...invoiceBase,
      number: "INV-1",
      lines: [{ contractLineId: line.id, description: "", amount: 11_000_00 }],
    });
    await submitItem(t.db, c.pm, "INVOICE", invoice.id);
    await expectAppError(
      saveInvoice(t.db, c.pm, {
        ...invoiceBase,
        number: "INV-2",
        lines: [{ contractLineId: line.id, description: "", amount: 1_000_01 }],
      }),
      "INVALID_INPUT",
      /only \$1,000\.00 remains/,
    );
    const retained = await t.db.invoiceLine.findFirstOrThrow({ where: { invoiceId: invoice.id } });
    expect(retained.retainageCents).toBe(BigInt(1_100_00));
  });

  it("a line an approved change adds counts in the contract's revised value; a pending change's does not", async () => {
    const { id } = await buildContract(t.db, c, { amounts: [5_000_00] });
    await submitItem(t.db, c.pm, "CONTRACT", id);
    await approveItem(t.db, c.pm2, "CONTRACT", id);
    const addLine = (number: string, amount: number) =>
      saveContractChange(t.db, c.pm, {
        contractId: id,
        number,
        title: "Added scope",
        reason: "",
        lines: [{ contractLineId: "", costCodeId: c.costCodeIds[1] as string, description: `Scope ${number}`, amount }],
      });
    const approved = await addLine("CO-A", 1_500_00);
    await submitItem(t.db, c.pm, "CONTRACT_CHANGE", approved.id);
    await approveItem(t.db, c.pm2, "CONTRACT_CHANGE", approved.id);
    const pending = await addLine("CO-B", 700_00);
    await submitItem(t.db, c.pm, "CONTRACT_CHANGE", pending.id);
    const added = await listAddedScope(t.db, c.pm, id);
    expect(added.map((a) => [a.change.number, a.description, a.amountCents])).toEqual([
      ["CO-A", "Scope CO-A", 1_500_00],
    ]);
    expect(sumRevisedValue(await getContractLineBalances(t.db, c.pm, id), added)).toBe(6_500_00);
    expect(await listAddedScope(t.db, other.pm, id)).toEqual([]);
  });

  it("two draft invoices that each bill the whole remainder cannot both be submitted", async () => {
    const { id } = await buildContract(t.db, c, { amounts: [5_000_00] });
    await submitItem(t.db, c.pm, "CONTRACT", id);
    await approveItem(t.db, c.pm2, "CONTRACT", id);
    const [line] = await getContractLineBalances(t.db, c.pm, id);
    const draft = (number: string) =>
      saveInvoice(t.db, c.pm, {
        contractId: id,
        number,
        invoiceDate: new Date("2026-04-30T00:00:00Z"),
        dueDate: new Date("2026-05-30T00:00:00Z"),
        retainagePercent: 0,
        lines: [{ contractLineId: line?.id ?? "", description: "", amount: 5_000_00 }],
      });
    const [first, second] = [await draft("INV-A"), await draft("INV-B")];
    await submitItem(t.db, c.pm, "INVOICE", first.id);
    await expectAppError(
      submitItem(t.db, c.pm, "INVOICE", second.id),
      "INVALID_STATE",
      /only \$0\.00 remains after other approved and pending invoices/,
    );
    const results = await Promise.allSettled([
      approveItem(t.db, c.pm2, "INVOICE", first.id),
      submitItem(t.db, c.pm, "INVOICE", second.id),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
  });

  it("a change may lower a contract line, but not below what approved and pending invoices bill on it", async () => {
    const { id } = await buildContract(t.db, c, { amounts: [10_000_00] });
    await submitItem(t.db, c.pm, "CONTRACT", id);
    await approveItem(t.db, c.pm2, "CONTRACT", id);
    const [line] = await getContractLineBalances(t.db, c.pm, id);
    if (!line) throw new Error("no line");
    const lower = (number: string, amounts: number[]) =>
      saveContractChange(t.db, c.pm, {
        contractId: id,
        number,
        title: "Lower",
        reason: "",
        lines: amounts.map((amount) => ({ contractLineId: line.id, description: "less", amount })),
      });
    // Saved before anything was billed: allowed then.
    const early = await lower("CO-EARLY", [-5_000_00]);
    const invoice = await saveInvoice(t.db, c.pm, {
      contractId: id,
      number: "INV-BILLED",
      invoiceDate: new Date("2026-04-30T00:00:00Z"),
      dueDate: new Date("2026-05-30T00:00:00Z"),
      retainagePercent: 0,
      lines: [{ contractLineId: line.id, description: "", amount: 7_000_00 }],
    });
    await submitItem(t.db, c.pm, "INVOICE", invoice.id);

    // A pending invoice counts; two lines of one change count together (−2,000 − 2,000 leaves 6,000 < 7,000).
    await expectAppError(
      lower("CO-TWO", [-2_000_00, -2_000_00]),
      "INVALID_INPUT",
      /lowers contract line 1 to \$6,000\.00, but approved and pending invoices already bill \$7,000\.00/,
    );
    const fits = await lower("CO-OK", [-3_000_00]);
    // The change saved before the invoice is checked again when it goes for approval.
    await expectAppError(
      submitItem(t.db, c.pm, "CONTRACT_CHANGE", early.id),
      "INVALID_STATE",
      /already bill \$7,000\.00 on it\. Edit the change before submitting it\./,
    );
    // And once more when it is approved: an invoice submitted meanwhile bills $500 more.
    await submitItem(t.db, c.pm, "CONTRACT_CHANGE", fits.id);
    const more = await saveInvoice(t.db, c.pm, {
      contractId: id,
      number: "INV-MORE",
      invoiceDate: new Date("2026-05-30T00:00:00Z"),
      dueDate: new Date("2026-06-30T00:00:00Z"),
      retainagePercent: 0,
      lines: [{ contractLineId: line.id, description: "", amount: 500_00 }],
    });
    await submitItem(t.db, c.pm, "INVOICE", more.id);
    await expectAppError(
      approveItem(t.db, c.pm2, "CONTRACT_CHANGE", fits.id),
      "INVALID_STATE",
      /lowers contract line 1 to \$7,000\.00, but approved and pending invoices already bill \$7,500\.00 on it\. Reject the change so it can be edited/,
    );
  });

  it("duplicate numbers are refused with a field error", async () => {
    await buildContract(t.db, c, { number: "SC-DUP" });
    const error = await buildContract(t.db, c, { number: "SC-DUP" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.fieldErrors?.number?.[0]).toMatch(/already used/);
  });
});
