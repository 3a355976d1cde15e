// The per-item Intacct planners' rules, without a database or Intacct: a SyncItem and the connection's settings in,
// the document plan and its blockers out.
import { describe, expect, it } from "vitest";
import type { SyncItem } from "@/lib/integrations/provider";
import type { ConnectionView } from "@/lib/integrations/types";
import { planIntacctDocument, type PlanContext } from "@/lib/integrations/sage-intacct/planning";
import type { ProjectTasks } from "@/lib/integrations/sage-intacct/project-tasks";

function connection(overrides: Partial<ConnectionView> = {}, settings: Record<string, string> = {}): ConnectionView {
  return {
    provider: "SAGE_INTACCT",
    status: "CONNECTED",
    credentials: {},
    hasSecrets: true,
    lastCheckedAt: null,
    lastSuccessAt: null,
    lastError: "",
    probes: [],
    options: { transactionDefinitions: [], items: [], costTypes: [] },
    settings: {
      purchaseOrderDefinition: "Purchase Order",
      changeOrderDefinition: "PO Change Order",
      vendorInvoiceDefinition: "Vendor Invoice",
      defaultItemId: "SUBCONTRACT",
      defaultCostTypeId: "SUB",
      ...settings,
    },
    ...overrides,
  };
}

const tasks: ProjectTasks = {
  known: true,
  taskByStandardId: new Map([
    ["03-3000", "03-3000"],
    ["05-1200", "T-0512"],
  ]),
  costTypes: new Set(["03-3000/SUB"]),
  costTypeIdFor: new Map([["03-3000/SUB", "SUB"]]),
};

const context = (view = connection(), projectTasks = tasks): PlanContext => ({
  connection: view,
  loadTasks: async () => projectTasks,
});

function item(overrides: Partial<SyncItem> = {}): SyncItem {
  return {
    itemType: "CONTRACT",
    id: "item-1",
    companyId: "company-1",
    status: "APPROVED",
    number: "SC-1001",
    title: "Concrete",
    contractNumber: null,
    project: {
      id: "p1",
      name: "Tower",
      number: "P-1001",
      intacctProjectId: "P-1001",
      intacctEntityId: "E100",
      intacctGlAccount: "5000",
    },
    vendor: { name: "Apex Concrete", intacctVendorId: "V-1001" },
    dates: { document: new Date("2026-06-01T00:00:00Z"), due: null },
    retainageBps: 500,
    lines: [
      {
        id: "l1",
        description: "Footings",
        amountCents: 100_00n,
        costCode: { code: "03-3000", name: "Concrete", intacctStandardTaskId: "03-3000" },
      },
      {
        id: "l2",
        description: "",
        amountCents: 50_00n,
        costCode: { code: "05-1200", name: "Steel", intacctStandardTaskId: "05-1200" },
      },
      {
        id: "l3",
        description: "Misc",
        amountCents: 25_00n,
        costCode: { code: "01-0000", name: "General", intacctStandardTaskId: null },
      },
    ],
    prerequisite: null,
    ...overrides,
  };
}

describe("lines: task and cost type", () => {
  it("a linked cost code gets the project's task built from it, and the default cost type when the task has it", async () => {
    const { plan, blockers } = await planIntacctDocument(context(), item());
    expect(blockers).toEqual([]);
    expect(plan.lines.map((l) => [l.taskId, l.costTypeId, l.itemId, l.amountCents])).toEqual([
      ["03-3000", "SUB", "SUBCONTRACT", 100_00],
      ["T-0512", null, "SUBCONTRACT", 50_00],
      [null, null, "SUBCONTRACT", 25_00],
    ]);
    // An empty description falls back to the cost code.
    expect(plan.lines[1]?.description).toBe("05-1200 Steel");
  });

  it("each reason to go without a task or cost type is one warning", async () => {
    const { plan } = await planIntacctDocument(context(), item());
    expect(plan.warnings).toEqual([
      "Cost type SUB does not exist under task T-0512 in Intacct, so this line syncs without a cost type.",
      "Cost code 01-0000 General is not linked to an Intacct cost code, so this line syncs without a cost code.",
    ]);
  });

  it("a standard cost code that is not a task of the project says so, and hints when tasks were never loaded", async () => {
    const unknown: ProjectTasks = {
      known: false,
      taskByStandardId: new Map(),
      costTypes: new Set(),
      costTypeIdFor: new Map(),
    };
    const { plan } = await planIntacctDocument(
      context(connection(), unknown),
      item({ lines: item().lines.slice(0, 1) }),
    );
    expect(plan.warnings).toEqual([
      "Cost code 03-3000 is not a task of this Intacct project (Intacct project tasks have not been refreshed yet), so this line syncs without a cost code.",
    ]);
  });

  it("several codes with one cause are one warning with the fix; each line keeps its own", async () => {
    const line = item().lines[2]!;
    const base = item().lines[0]!;
    const lines = [
      { ...base, id: "a", costCode: { ...base.costCode, code: "09-1000", intacctStandardTaskId: "09-1000" } },
      { ...base, id: "b", costCode: { ...base.costCode, code: "09-2000", intacctStandardTaskId: "09-2000" } },
      { ...line, id: "c", costCode: { ...line.costCode, code: "01-0001", name: "One" } },
      { ...line, id: "d", costCode: { ...line.costCode, code: "01-0002", name: "Two" } },
    ];
    const { plan } = await planIntacctDocument(context(), item({ lines }));
    expect(plan.warnings).toEqual([
      `Cost codes 09-1000, 09-2000 are not tasks of Intacct project ${plan.project.id}, so their lines sync without a cost code. Fix: Add 2 tasks to Intacct project ${plan.project.id} (project managers and admins).`,
      "Cost codes 01-0001 One, 01-0002 Two are not linked to an Intacct cost code, so their lines sync without a cost code. Fix: link them under Lists & Templates → Project Cost Codes.",
    ]);
    expect(plan.lines.map((l) => l.missingProjectCostCode ?? null)).toEqual(["09-1000", "09-2000", null, null]);
    expect(plan.lines.every((l) => l.warning)).toBe(true);
  });

  it("two lines on the same missing code are one warning", async () => {
    const line = item().lines[2]!;
    const { plan } = await planIntacctDocument(context(), item({ lines: [line, { ...line, id: "l4" }] }));
    expect(plan.warnings).toHaveLength(1);
  });
});

describe("blockers on Intacct's side", () => {
  it("not connected, no default item, unlinked vendor and project each name the page that fixes them", async () => {
    const bare = item({
      vendor: { name: "Apex Concrete", intacctVendorId: null },
      project: {
        id: "p1",
        name: "Tower",
        number: "P-1001",
        intacctProjectId: null,
        intacctEntityId: null,
        intacctGlAccount: null,
      },
    });
    const disconnected = await planIntacctDocument(context(connection({ status: "DISCONNECTED" })), bare);
    expect(disconnected.blockers.map((b) => b.fixHref)).toEqual([
      "/settings/integrations/sage-intacct",
      "/contacts/accounting-companies",
      "/projects/p1/settings#integrations",
      "/projects/p1/settings#integrations",
    ]);
    const noItem = await planIntacctDocument(context(connection({}, { defaultItemId: "" })), item());
    expect(noItem.blockers.map((b) => b.fixLabel)).toEqual(["Open sync settings"]);
  });

  it("estimates need no item but a GL account", async () => {
    const budget = item({ itemType: "BUDGET", vendor: null, title: "Original budget" });
    const ok = await planIntacctDocument(context(connection({}, { defaultItemId: "" })), budget);
    expect(ok.blockers).toEqual([]);
    expect(ok.plan).toMatchObject({
      definition: "PJESTIMATE",
      documentNo: "EST-P-1001",
      header: { description: "Original budget — Tower" },
    });
    expect(ok.plan.lines.every((l) => l.itemId === null && l.accountNo === "5000")).toBe(true);
    const noGl = await planIntacctDocument(context(), {
      ...budget,
      project: { ...budget.project, intacctGlAccount: null },
    });
    expect(noGl.blockers.map((b) => b.message)).toEqual(["Project Tower has no GL Account for estimates."]);
  });
});

describe("documents that build on another", () => {
  const contractSync = {
    state: "SYNCED" as const,
    key: "Purchase Order-SC-1001",
    recordNo: "77",
    lineKeys: { c1: "701", c2: "702" },
  };

  it("a change order points at the PO and at the PO line each line changes", async () => {
    const change = item({
      itemType: "CONTRACT_CHANGE",
      number: "CO-1",
      contractNumber: "SC-1001",
      lines: [
        { ...item().lines[0]!, changesLineId: "c2" },
        { ...item().lines[1]!, changesLineId: null },
      ],
      prerequisite: { itemType: "CONTRACT", itemId: "contract-1", number: "SC-1001", sync: contractSync },
    });
    const { plan, blockers } = await planIntacctDocument(context(), change);
    expect(blockers).toEqual([]);
    expect(plan).toMatchObject({
      documentNo: "SC-1001-CO-1",
      definition: "PO Change Order",
      source: { key: contractSync.key, recordNo: "77" },
    });
    expect(plan.lines.map((l) => l.relatedLineKey)).toEqual(["702", null]);
  });

  it("a change to a PO line the app does not know is refused rather than sent as a new line", async () => {
    const change = item({
      itemType: "CONTRACT_CHANGE",
      number: "CO-2",
      contractNumber: "SC-1001",
      lines: [{ ...item().lines[0]!, changesLineId: "c9" }],
      prerequisite: { itemType: "CONTRACT", itemId: "contract-1", number: "SC-1001", sync: contractSync },
    });
    const { blockers } = await planIntacctDocument(context(), change);
    expect(blockers.map((b) => b.message)).toEqual([expect.stringContaining("is not known to the app")]);
  });

  it("an invoice bills its PO lines when the contract is synced, and otherwise says it goes on its own", async () => {
    const invoice = item({
      itemType: "INVOICE",
      number: "INV-1",
      contractNumber: "SC-1001",
      lines: [{ ...item().lines[0]!, billsLineId: "c1" }],
      prerequisite: { itemType: "CONTRACT", itemId: "contract-1", number: "SC-1001", sync: contractSync },
    });
    const fromPo = await planIntacctDocument(context(), invoice);
    expect(fromPo.plan).toMatchObject({
      documentNo: "SC-1001-INV-1",
      header: { vendorDocNo: "INV-1", retainagePercent: 5 },
    });
    expect(fromPo.plan.lines[0]?.sourceLineKey).toBe("701");
    const alone = await planIntacctDocument(context(), {
      ...invoice,
      prerequisite: { ...invoice.prerequisite!, sync: null },
    });
    expect(alone.plan.source).toBeNull();
    expect(alone.plan.warnings[0]).toBe(
      "Contract SC-1001 is not synced, so this invoice is created on its own rather than from the Purchase Order.",
    );
  });

  it("an invoice line that bills what a change added converts that change's PO Change Order line", async () => {
    const coSync = {
      state: "SYNCED" as const,
      key: "PO Change Order-SC-1001-CC-1",
      recordNo: "88",
      lineKeys: { a1: "881" },
    };
    const addedBy = (sync: typeof coSync | null) => ({
      lineId: "a1",
      change: { itemType: "CONTRACT_CHANGE" as const, itemId: "cc-1", number: "CC-1", sync },
    });
    const invoice = item({
      itemType: "INVOICE",
      number: "INV-2",
      contractNumber: "SC-1001",
      lines: [
        { ...item().lines[0]!, billsLineId: "c1" },
        { ...item().lines[1]!, billsLineId: null, billsAddedLine: addedBy(coSync) },
      ],
      prerequisite: { itemType: "CONTRACT", itemId: "contract-1", number: "SC-1001", sync: contractSync },
    });
    const { plan, blockers } = await planIntacctDocument(context(), invoice);
    expect(blockers).toEqual([]);
    expect(plan.lines.map((l) => [l.sourceDocKey, l.sourceLineKey])).toEqual([
      [contractSync.key, "701"],
      [coSync.key, "881"],
    ]);
    // Not synced yet: the change must go first, with a link to it.
    const waiting = await planIntacctDocument(context(), {
      ...invoice,
      lines: [invoice.lines[0]!, { ...invoice.lines[1]!, billsAddedLine: addedBy(null) }],
    });
    expect(waiting.blockers).toEqual([
      {
        message:
          "Contract change CC-1 must be synced first: this invoice bills a line it added, which Intacct holds on its PO Change Order.",
        fixLabel: "Sync the contract change first",
        fixHref: "/projects/p1/contract-changes/cc-1",
      },
    ]);
  });

  it("every purchasing plan has a due date: the invoice's own, else the document date unless the contract's end is later", async () => {
    const june = new Date("2026-06-01T00:00:00Z");
    const december = new Date("2026-12-31T00:00:00Z");
    const may = new Date("2026-05-01T00:00:00Z");
    const due = async (overrides: Partial<SyncItem>) =>
      (await planIntacctDocument(context(), item(overrides))).plan.header.dueDate.toISOString().slice(0, 10);
    expect(await due({ dates: { document: june, due: null } })).toBe("2026-06-01");
    expect(await due({ dates: { document: june, due: december } })).toBe("2026-12-31");
    expect(await due({ itemType: "CONTRACT_CHANGE", dates: { document: june, due: may } })).toBe("2026-06-01");
    expect(await due({ itemType: "INVOICE", contractNumber: "SC-1", dates: { document: june, due: december } })).toBe(
      "2026-12-31",
    );
  });

  it("a budget change's entries are marked with its number, so a lookup can find them", async () => {
    const change = item({ itemType: "BUDGET_CHANGE", number: "BC-7", vendor: null, prerequisite: null });
    expect((await planIntacctDocument(context(), change)).plan.header.referenceNo).toBe("BC-7");
  });

  it("a budget change adds to the budget's estimate", async () => {
    const change = item({
      itemType: "BUDGET_CHANGE",
      number: "BC-1",
      vendor: null,
      prerequisite: {
        itemType: "BUDGET",
        itemId: "b1",
        number: "P-1001",
        sync: { state: "SYNCED", key: "EST-P-1001-A", recordNo: "9", lineKeys: {} },
      },
    });
    const { plan } = await planIntacctDocument(context(), change);
    expect(plan).toMatchObject({
      documentNo: "EST-P-1001-A",
      source: { key: "EST-P-1001-A" },
      header: { description: "BC-1 Concrete" },
    });
  });
});
