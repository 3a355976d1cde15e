// Invoices bill what approved contract changes added, and start with a due date from the company's payment terms.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { getBillableLines, getContractLineBalances, listAddedScope } from "@/lib/financials/contract-balances";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { describeBilledLine, getInvoice, saveInvoice, ZInvoiceInput } from "@/lib/financials/invoices";
import { getPaymentTermsDays, savePaymentTerms, ZPaymentTermsInput } from "@/lib/financials/payment-terms";
import { buildAcr } from "@/lib/reports/acr";
import { buildCompany, buildContract, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let other: TestCompany;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Billing A");
  other = await buildCompany(t.db, "Billing B");
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

/** An approved contract of one 10,000.00 line, and an approved change that adds a 3,000.00 line on the second code. */
async function contractWithAddedLine() {
  const { id } = await buildContract(t.db, c, { amounts: [10_000_00] });
  await submitItem(t.db, c.pm, "CONTRACT", id);
  await approveItem(t.db, c.pm2, "CONTRACT", id);
  const change = await saveContractChange(t.db, c.pm, {
    contractId: id,
    number: "CC-001",
    title: "Added scope",
    reason: "",
    lines: [{ contractLineId: "", costCodeId: c.costCodeIds[1] as string, description: "Canopy", amount: 3_000_00 }],
  });
  await submitItem(t.db, c.pm, "CONTRACT_CHANGE", change.id);
  await approveItem(t.db, c.pm2, "CONTRACT_CHANGE", change.id);
  const [own] = await getContractLineBalances(t.db, c.pm, id);
  const [added] = await listAddedScope(t.db, c.pm, id);
  if (!own || !added) throw new Error("missing lines");
  return { contractId: id, changeId: change.id, ownLineId: own.id, addedLineId: added.id };
}

const header = (contractId: string, number: string) => ({
  contractId,
  number,
  invoiceDate: new Date("2026-04-30T00:00:00Z"),
  dueDate: new Date("2026-05-30T00:00:00Z"),
  retainagePercent: 0,
});

describe("invoices bill the lines approved changes added", () => {
  it("offers them with what remains, bills them, and counts them in the ACR", async () => {
    const { contractId, ownLineId, addedLineId } = await contractWithAddedLine();
    const billable = await getBillableLines(t.db, c.pm, contractId);
    expect(billable.map((line) => [line.id, line.source, line.label, line.remainingCents])).toEqual([
      [ownLineId, "contract", "Line 1", 10_000_00],
      [addedLineId, "change", "CC-001 line 1", 3_000_00],
    ]);
    const invoice = await saveInvoice(t.db, c.pm, {
      ...header(contractId, "INV-1"),
      lines: [
        { contractLineId: ownLineId, description: "", amount: 4_000_00 },
        { contractLineId: addedLineId, description: "", amount: 1_200_00 },
      ],
    });
    const saved = await getInvoice(t.db, c.pm, invoice.id);
    expect(saved.lines.map((line) => [line.contractLineId, line.contractChangeLineId, line.description])).toEqual([
      [ownLineId, null, "Line 1"],
      [null, addedLineId, "Canopy"],
    ]);
    expect(saved.lines.map((line) => describeBilledLine(line).label)).toEqual(["Line 1", "CC-001 line 1"]);
    await submitItem(t.db, c.pm, "INVOICE", invoice.id);
    expect((await getBillableLines(t.db, c.pm, contractId)).map((line) => line.remainingCents)).toEqual([
      6_000_00, 1_800_00,
    ]);
    await approveItem(t.db, c.pm2, "INVOICE", invoice.id);
    const acr = await buildAcr(t.db, c.pm, c.projectId);
    const steel = acr.rows.find((row) => row.costCodeId === c.costCodeIds[1]);
    expect(steel?.invoicedCents).toBeGreaterThanOrEqual(1_200_00);
  });

  it("refuses more than remains on an added line, two lines of one invoice counted together", async () => {
    const { contractId, addedLineId } = await contractWithAddedLine();
    await expectAppError(
      saveInvoice(t.db, c.pm, {
        ...header(contractId, "INV-OVER"),
        lines: [
          { contractLineId: addedLineId, description: "", amount: 2_000_00 },
          { contractLineId: addedLineId, description: "", amount: 1_000_01 },
        ],
      }),
      "INVALID_INPUT",
      /only \$3,000\.00 remains on CC-001 line 1/,
    );
  });

  it("checks added lines again at submit, against other pending invoices", async () => {
    const { contractId, addedLineId } = await contractWithAddedLine();
    const first = await saveInvoice(t.db, c.pm, {
      ...header(contractId, "INV-A"),
      lines: [{ contractLineId: addedLineId, description: "", amount: 2_000_00 }],
    });
    const second = await saveInvoice(t.db, c.pm, {
      ...header(contractId, "INV-B"),
      lines: [{ contractLineId: addedLineId, description: "", amount: 2_000_00 }],
    });
    await submitItem(t.db, c.pm, "INVOICE", first.id);
    await expectAppError(
      submitItem(t.db, c.pm, "INVOICE", second.id),
      "INVALID_STATE",
      /bills \$2,000\.00 on CC-001 line 1, but only \$1,000\.00 remains/,
    );
  });

  it("does not offer lines of a change that is not approved, nor another company's lines", async () => {
    const { contractId } = await contractWithAddedLine();
    const pending = await saveContractChange(t.db, c.pm, {
      contractId,
      number: "CC-002",
      title: "Pending scope",
      reason: "",
      lines: [{ contractLineId: "", costCodeId: c.costCodeIds[0] as string, description: "Pending", amount: 500_00 }],
    });
    const pendingLine = await t.db.contractChangeLine.findFirstOrThrow({ where: { contractChangeId: pending.id } });
    expect((await getBillableLines(t.db, c.pm, contractId)).map((line) => line.label)).toEqual([
      "Line 1",
      "CC-001 line 1",
    ]);
    await expectAppError(
      saveInvoice(t.db, c.pm, {
        ...header(contractId, "INV-P"),
        lines: [{ contractLineId: pendingLine.id, description: "", amount: 1_00 }],
      }),
      "INVALID_INPUT",
      /not on this contract/,
    );
    await expectAppError(getBillableLines(t.db, other.pm, contractId), "NOT_FOUND");
  });

  it("the database refuses an invoice line that bills both kinds of line, or neither", async () => {
    const { contractId, ownLineId, addedLineId } = await contractWithAddedLine();
    const invoice = await saveInvoice(t.db, c.pm, {
      ...header(contractId, "INV-DB"),
      lines: [{ contractLineId: ownLineId, description: "", amount: 1_00 }],
    });
    for (const bills of [{ contractLineId: ownLineId, contractChangeLineId: addedLineId }, {}]) {
      await expect(
        t.db.invoiceLine.create({ data: { invoiceId: invoice.id, lineNo: 9, amountCents: 1n, ...bills } }),
      ).rejects.toThrow(/InvoiceLine_bills_one_line|check constraint/i);
    }
  });
});

describe("due dates from the company's payment terms", () => {
  it("default to Net 30, follow the setting, and fill a blank due date from the invoice date", async () => {
    expect(await getPaymentTermsDays(t.db, c.admin)).toBe(30);
    const { contractId, ownLineId } = await contractWithAddedLine();
    const line = [{ contractLineId: ownLineId, description: "", amount: 1_00 }];
    const net30 = await saveInvoice(
      t.db,
      c.pm,
      ZInvoiceInput.parse({ ...raw(contractId, "INV-N30"), dueDate: "", lines: line.map(rawLine) }),
    );
    expect((await getInvoice(t.db, c.pm, net30.id)).dueDate.toISOString().slice(0, 10)).toBe("2026-05-30");
    await savePaymentTerms(t.db, c.admin, ZPaymentTermsInput.parse({ days: "45" }));
    expect(await getPaymentTermsDays(t.db, c.admin)).toBe(45);
    // Another company's terms are its own.
    expect(await getPaymentTermsDays(t.db, other.admin)).toBe(30);
    const net45 = await saveInvoice(
      t.db,
      c.pm,
      ZInvoiceInput.parse({ ...raw(contractId, "INV-N45"), lines: line.map(rawLine) }),
    );
    expect((await getInvoice(t.db, c.pm, net45.id)).dueDate.toISOString().slice(0, 10)).toBe("2026-06-14");
    // A due date given by hand wins.
    const byHand = await saveInvoice(
      t.db,
      c.pm,
      ZInvoiceInput.parse({ ...raw(contractId, "INV-HAND"), dueDate: "2026-05-05", lines: line.map(rawLine) }),
    );
    expect((await getInvoice(t.db, c.pm, byHand.id)).dueDate.toISOString().slice(0, 10)).toBe("2026-05-05");
  });

  it("refuses terms that are not offered, and a due date before the invoice date", () => {
    expect(ZPaymentTermsInput.safeParse({ days: 31 }).success).toBe(false);
    const parsed = ZInvoiceInput.safeParse({
      ...raw("00000000-0000-4000-8000-000000000000", "X"),
      dueDate: "2026-04-01",
    });
    expect(parsed.success).toBe(false);
  });
});

function raw(contractId: string, number: string) {
  return {
    contractId,
    number,
    invoiceDate: "2026-04-30",
    retainagePercent: "0",
    lines: [{ contractLineId: "00000000-0000-4000-8000-000000000000", description: "", amount: "1.00" }],
  };
}

function rawLine(line: { contractLineId: string; description: string; amount: number }) {
  return { contractLineId: line.contractLineId, description: line.description, amount: (line.amount / 100).toFixed(2) };
}
