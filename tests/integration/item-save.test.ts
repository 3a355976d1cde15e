// lib/financials/item-save.ts through each item's service: a save creates the item with its lines numbered from 1
// and a CREATED event; an edit replaces the lines, returns a rejected item to draft and records EDITED; an approved
// item and an unknown id are refused without a change.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { approveItem, listEvents, rejectItem, submitItem } from "@/lib/financials/approval";
import { saveBudgetChange } from "@/lib/financials/budget-changes";
import { saveBudget } from "@/lib/financials/budgets";
import { getContractLineBalances } from "@/lib/financials/contract-balances";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { saveContract } from "@/lib/financials/contracts";
import { saveInvoice } from "@/lib/financials/invoices";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { buildBudget, buildCompany, buildContract, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let other: TestCompany;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Saver A");
  other = await buildCompany(t.db, "Saver B");
});
afterAll(async () => t?.drop());

async function errorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return isAppError(error) ? error.code : `not an AppError: ${String(error)}`;
}

async function approve(type: ItemType, id: string): Promise<void> {
  await submitItem(t.db, c.pm, type, id);
  await approveItem(t.db, c.pm2, type, id);
}

/** Each item type's save, called with a header and lines of the given amounts (id: an edit). */
type Saver = (amounts: number[], id?: string) => Promise<{ id: string }>;

type LinedType = Exclude<ItemType, "BUDGET">;

async function buildSavers(): Promise<Record<LinedType, { save: Saver; lines: (id: string) => Promise<bigint[]> }>> {
  const costCodeLines = (amounts: number[]) =>
    amounts.map((amount, i) => ({ costCodeId: c.costCodeIds[i % 2] as string, description: `L${i + 1}`, amount }));
  const budget = await buildBudget(t.db, c);
  await approve("BUDGET", budget.id);
  const contract = await buildContract(t.db, c, { amounts: [500_00, 500_00] });
  await approve("CONTRACT", contract.id);
  const contractLines = await getContractLineBalances(t.db, c.pm, contract.id);
  const lineOn = (i: number) => contractLines[i % 2]?.id as string;
  const dates = { invoiceDate: new Date("2026-04-30T00:00:00Z"), dueDate: new Date("2026-05-30T00:00:00Z") };
  const ordered = { orderBy: { lineNo: "asc" as const }, select: { lineNo: true, amountCents: true } };
  const amountsIn = async (rows: Promise<{ lineNo: number; amountCents: bigint }[]>) => {
    const list = await rows;
    expect(list.map((r) => r.lineNo)).toEqual(list.map((_, i) => i + 1));
    return list.map((r) => r.amountCents);
  };
  return {
    BUDGET_CHANGE: {
      save: (amounts, id) =>
        saveBudgetChange(t.db, c.pm, {
          id,
          projectId: c.projectId,
          number: "BC-9",
          title: "T",
          reason: "",
          lines: costCodeLines(amounts),
        }),
      lines: (id) => amountsIn(t.db.budgetChangeLine.findMany({ where: { budgetChangeId: id }, ...ordered })),
    },
    CONTRACT: {
      save: (amounts, id) =>
        saveContract(t.db, c.pm, {
          id,
          projectId: c.projectId,
          accountingCompanyId: c.vendorId,
          number: "SC-SAVE",
          title: "T",
          description: "",
          startDate: new Date("2026-03-01T00:00:00Z"),
          endDate: null,
          retainagePercent: 0,
          lines: costCodeLines(amounts),
        }),
      lines: (id) => amountsIn(t.db.contractLine.findMany({ where: { contractId: id }, ...ordered })),
    },
    CONTRACT_CHANGE: {
      save: (amounts, id) =>
        saveContractChange(t.db, c.pm, {
          id,
          contractId: contract.id,
          number: "CO-9",
          title: "T",
          reason: "",
          lines: amounts.map((amount, i) => ({ contractLineId: lineOn(i), description: `L${i + 1}`, amount })),
        }),
      lines: (id) => amountsIn(t.db.contractChangeLine.findMany({ where: { contractChangeId: id }, ...ordered })),
    },
    INVOICE: {
      save: (amounts, id) =>
        saveInvoice(t.db, c.pm, {
          id,
          contractId: contract.id,
          number: "INV-9",
          ...dates,
          retainagePercent: 0,
          lines: amounts.map((amount, i) => ({ contractLineId: lineOn(i), description: "", amount })),
        }),
      lines: (id) => amountsIn(t.db.invoiceLine.findMany({ where: { invoiceId: id }, ...ordered })),
    },
  };
}

describe("saving an item with its lines", () => {
  let savers: Awaited<ReturnType<typeof buildSavers>>;
  beforeAll(async () => {
    savers = await buildSavers();
  });

  it.each(["BUDGET_CHANGE", "CONTRACT", "CONTRACT_CHANGE", "INVOICE"] as const)(
    "%s: create, edit a rejected one back to draft, refuse an approved one and an unknown id",
    async (type) => {
      const { save, lines } = savers[type];
      expect(await errorOf(save([1_00], randomUUID()))).toBe("NOT_FOUND");
      const { id } = await save([1_00, 2_00, 3_00]);
      expect(await lines(id)).toEqual([100n, 200n, 300n]);
      await submitItem(t.db, c.pm, type, id);
      await rejectItem(t.db, c.pm2, type, id, "Again");
      expect((await save([4_00], id)).id).toBe(id);
      expect(await lines(id)).toEqual([400n]);
      const events = await listEvents(t.db, c.pm, type, id);
      expect(events.map((e) => e.action)).toEqual(["CREATED", "SUBMITTED", "REJECTED", "EDITED"]);
      await approve(type, id);
      expect(await errorOf(save([5_00], id))).toBe("INVALID_STATE");
      expect(await lines(id)).toEqual([400n]);
    },
  );

  it("a project's budget: the first save creates it, the next edits it in place, none once approved", async () => {
    const first = await saveBudget(t.db, other.pm, {
      projectId: other.projectId,
      title: "First",
      lines: [{ costCodeId: other.costCodeIds[0] as string, description: "", amount: 7_00 }],
    });
    const second = await saveBudget(t.db, other.pm, {
      projectId: other.projectId,
      title: "Second",
      lines: [
        { costCodeId: other.costCodeIds[0] as string, description: "", amount: 8_00 },
        { costCodeId: other.costCodeIds[1] as string, description: "", amount: 9_00 },
      ],
    });
    expect(second.id).toBe(first.id);
    const budget = await t.db.budget.findUniqueOrThrow({ where: { id: first.id }, include: { lines: true } });
    expect(budget.title).toBe("Second");
    expect(budget.lines.map((l) => [l.lineNo, l.amountCents]).sort()).toEqual([
      [1, 800n],
      [2, 900n],
    ]);
    const events = await listEvents(t.db, other.pm, "BUDGET", first.id);
    expect(events.map((e) => e.action)).toEqual(["CREATED", "EDITED"]);
    await submitItem(t.db, other.pm, "BUDGET", first.id);
    await approveItem(t.db, other.admin, "BUDGET", first.id);
    const again = saveBudget(t.db, other.pm, { projectId: other.projectId, title: "Third", lines: [] });
    expect(await errorOf(again)).toBe("INVALID_STATE");
  });
});
