import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MockIntacct } from "@/tools/mock-intacct";
import {
  buildCreateVendorInvoice,
  buildReadByQuery,
  closeIntacctConnections,
  collectPages,
  type IntacctClient,
  type IntacctFunctionError,
} from "@/lib/intacct";
import { createMockClient, nextControlId, startMock } from "./intacct-helpers";

let mock: MockIntacct;
let intacct: IntacctClient;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
});
beforeEach(() => {
  mock.reset();
  intacct = createMockClient(mock);
});

async function findJobCostTarget() {
  const [project] = await collectPages(intacct.listProjects({ status: "active" }));
  if (!project) throw new Error("no project in the demo seed");
  const [task] = await collectPages(intacct.listTasks({ projectId: project.projectId }));
  if (!task) throw new Error("no task");
  const [costType] = await collectPages(intacct.listCostTypes({ projectId: project.projectId, taskId: task.taskId }));
  if (!costType) throw new Error("no cost type");
  return { project, task, costType, locationId: project.locationId ?? "E100" };
}

describe("lib/intacct against the mock over HTTP — typed functions", () => {
  it("openSession uses getAPISession and returns the mock's endpoint", async () => {
    const session = await intacct.openSession();
    expect(session.endpoint).toBe(mock.endpoint);
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("listVendors reads every vendor, filters by status and by WHENMODIFIED", async () => {
    const all = await collectPages(intacct.listVendors());
    const active = await collectPages(intacct.listVendors({ status: "active" }));
    const inactive = await collectPages(intacct.listVendors({ status: "inactive" }));
    expect(all.length).toBeGreaterThan(5);
    expect(active.length + inactive.length).toBe(all.length);
    expect(inactive.every((vendor) => vendor.status === "inactive")).toBe(true);
    expect(all[0]).toMatchObject({
      vendorId: expect.any(String),
      name: expect.any(String),
      recordNo: expect.any(String),
    });
    // Incremental refresh: touch one vendor, then ask only for records modified since just before.
    const since = new Date(Date.now() - 1000);
    const target = all[3];
    if (!target) throw new Error("seed too small");
    const patched = await fetch(`${mock.url}/__mock/records`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        companyId: "DEMO-CONSTRUCTION",
        object: "VENDOR",
        record: { VENDORID: target.vendorId, NAME: `${target.name} (renamed)` },
      }),
    });
    expect(patched.ok).toBe(true);
    const changed = await collectPages(intacct.listVendors({ modifiedSince: since }));
    expect(changed.map((vendor) => vendor.vendorId)).toEqual([target.vendorId]);
  });

  it("listProjects, listEntities, listGlAccounts, listItems and listTransactionDefinitions return typed records", async () => {
    const [projects, entities, accounts, items, definitions] = await Promise.all([
      collectPages(intacct.listProjects()),
      collectPages(intacct.listEntities()),
      collectPages(intacct.listGlAccounts({ status: "active" })),
      collectPages(intacct.listItems()),
      collectPages(intacct.listTransactionDefinitions()),
    ]);
    expect(projects[0]).toMatchObject({
      projectId: expect.any(String),
      name: expect.any(String),
      locationId: expect.stringMatching(/^E/),
    });
    expect(entities.map((entity) => entity.locationId)).toEqual(["E100", "E200"]);
    expect(accounts.every((account) => account.status === "active")).toBe(true);
    expect(accounts.find((account) => account.accountNo === "5100")?.title).toBe("Subcontract Costs");
    expect(items.map((item) => item.itemId)).toContain("SUBCONTRACT");
    expect(definitions.map((definition) => definition.docParId).sort()).toEqual([
      "PO Change Order",
      "Purchase Order",
      "Vendor Invoice",
    ]);
  });

  it("listStandardTasks, listStandardCostTypes, listTasks and listCostTypes read the WBS catalog", async () => {
    const standardTasks = await collectPages(intacct.listStandardTasks());
    const standardCostTypes = await collectPages(intacct.listStandardCostTypes());
    expect(standardTasks.length).toBeGreaterThan(20);
    expect(standardCostTypes.map((costType) => costType.standardCostTypeId)).toEqual([
      "LAB",
      "MAT",
      "SUB",
      "EQP",
      "OTH",
    ]);
    const { project, task, costType } = await findJobCostTarget();
    const tasks = await collectPages(intacct.listTasks({ projectId: project.projectId }));
    expect(tasks.every((row) => row.projectId === project.projectId)).toBe(true);
    expect(costType).toMatchObject({ projectId: project.projectId, taskId: task.taskId });
  });

  it("query pages by offset to the last page with a small page size", async () => {
    const pages = [];
    for await (const page of intacct.query({
      object: "STANDARDTASK",
      select: ["RECORDNO", "STANDARDTASKID"],
      pageSize: 10,
    }))
      pages.push(page.length);
    const total = pages.reduce((sum, count) => sum + count, 0);
    expect(pages.slice(0, -1).every((count) => count === 10)).toBe(true);
    expect(total).toBe((await collectPages(intacct.listStandardTasks())).length);
  });

  it("readByQuery follows readMore to the last page", async () => {
    const pages = [];
    for await (const page of intacct.readByQuery({
      object: "VENDOR",
      fields: ["VENDORID", "NAME"],
      query: "STATUS = 'T'",
      pageSize: 5,
    }))
      pages.push(page);
    const vendors = pages.flat();
    expect(pages.length).toBeGreaterThan(2);
    expect(vendors.length).toBe((await collectPages(intacct.listVendors({ status: "active" }))).length);
    expect(new Set(vendors.map((vendor) => vendor.VENDORID)).size).toBe(vendors.length);
  });

  it("execute + readMore page a readByQuery result set by hand", async () => {
    const { results } = await intacct.execute([
      buildReadByQuery({ object: "VENDOR", fields: ["VENDORID"], pageSize: 10 }),
    ]);
    const first = results[0];
    expect(first?.ok).toBe(true);
    expect(first?.data?.records).toHaveLength(10);
    const next = await intacct.readMore(first?.data?.resultId ?? "");
    expect(next.records).toHaveLength(10);
    expect(next.records[0]?.VENDORID).not.toBe(first?.data?.records[0]?.VENDORID);
    expect(next.numRemaining).toBe((first?.data?.numRemaining ?? 0) - 10);
  });

  it("read, readByName and readEntityDetails return records", async () => {
    const byName = await intacct.readByName({
      object: "VENDOR",
      keys: ["V-1001"],
      fields: ["RECORDNO", "VENDORID", "NAME"],
    });
    expect(byName[0]?.VENDORID).toBe("V-1001");
    const byRecordNo = await intacct.read({ object: "VENDOR", keys: [String(byName[0]?.RECORDNO)] });
    expect(byRecordNo[0]?.VENDORID).toBe("V-1001");
    const entities = await intacct.readEntityDetails();
    expect(entities.map((entity) => entity.LOCATIONID)).toEqual(["E100", "E200"]);
  });

  it("createPurchaseOrder posts a PO with project/task/cost type/location on the line; readPurchasingDocument returns its entries", async () => {
    const { project, task, costType, locationId } = await findJobCostTarget();
    const outcome = await intacct.createPurchaseOrder({
      controlId: nextControlId("po"),
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V-1001",
      documentNo: "PO-IT-1",
      referenceNo: "EXT-77",
      lines: [
        {
          itemId: "SUBCONTRACT",
          quantity: 1,
          price: "2500.00",
          projectId: project.projectId,
          taskId: task.taskId,
          costTypeId: costType.costTypeId,
          locationId,
          memo: "Café & <co> ✓",
        },
        { itemId: "MATERIALS", quantity: "2", price: 10.5, locationId },
      ],
    });
    expect(outcome).toMatchObject({ status: "done", key: "Purchase Order-PO-IT-1" });
    const document = await intacct.readPurchasingDocument("Purchase Order-PO-IT-1");
    expect(document).toMatchObject({
      docNo: "PO-IT-1",
      docParId: "Purchase Order",
      vendorId: "V-1001",
      state: "Pending",
    });
    expect(document?.entries).toHaveLength(2);
    expect(document?.entries[0]).toMatchObject({
      projectId: project.projectId,
      taskId: task.taskId,
      costTypeId: costType.costTypeId,
      locationId,
      memo: "Café & <co> ✓",
    });
    expect(document?.entries.every((entry) => /^\d+$/.test(entry.recordNo))).toBe(true);
    const stored = mock.listDocuments("DEMO-CONSTRUCTION").find((doc) => doc.DOCID === "Purchase Order-PO-IT-1");
    expect(stored?.entries[0]?.MEMO).toBe("Café & <co> ✓");
  });

  it("createPoChangeOrder references the PO and its line by RECORDNO (relateddockey / relateddoclinekey)", async () => {
    const { locationId } = await findJobCostTarget();
    await intacct.createPurchaseOrder({
      controlId: nextControlId("po"),
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V-1001",
      documentNo: "PO-CO-1",
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 1000, locationId }],
    });
    const po = await intacct.readPurchasingDocument("Purchase Order-PO-CO-1");
    if (!po?.entries[0]) throw new Error("PO not readable");
    const outcome = await intacct.createPoChangeOrder({
      controlId: nextControlId("co"),
      transactionType: "PO Change Order",
      dateCreated: "2025-03-05",
      dateDue: "2025-04-30",
      vendorId: "V-1001",
      lines: [
        {
          itemId: "SUBCONTRACT",
          quantity: 1,
          price: 250,
          locationId,
          relatedDocKey: po.recordNo,
          relatedDocLineKey: po.entries[0].recordNo,
        },
        { itemId: "MATERIALS", quantity: 1, price: 75, locationId, relatedDocKey: po.recordNo },
      ],
    });
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    const changeOrder = await intacct.readPurchasingDocument(outcome.key ?? "");
    expect(changeOrder?.docParId).toBe("PO Change Order");
    expect(mock.listDocuments().find((doc) => doc.DOCID === outcome.key)?.entries[0]).toMatchObject({
      RELATEDDOCKEY: po.recordNo,
      RELATEDDOCLINEKEY: po.entries[0].recordNo,
    });
  });

  it("createVendorInvoice converts a PO (createdfrom + sourcelinekey) and lands Submitted under an approval policy", async () => {
    const { locationId } = await findJobCostTarget();
    await intacct.createPurchaseOrder({
      controlId: nextControlId("po"),
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V-1002",
      documentNo: "PO-VI-1",
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 900, locationId }],
    });
    const po = await intacct.readPurchasingDocument("Purchase Order-PO-VI-1");
    const outcome = await intacct.createVendorInvoice({
      controlId: nextControlId("vi"),
      dateCreated: "2025-03-10",
      dateDue: "2025-04-30",
      vendorId: "V-1002",
      documentNo: "INV-9",
      vendorDocNo: "ACME-9",
      createdFrom: po?.docId,
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 900, locationId, sourceLineKey: po?.entries[0]?.recordNo }],
    });
    expect(outcome).toMatchObject({ status: "done", key: "Vendor Invoice-INV-9" });
    const invoice = await intacct.findPurchasingDocument({ docParId: "Vendor Invoice", documentNo: "INV-9" });
    expect(invoice).toMatchObject({
      docId: "Vendor Invoice-INV-9",
      state: "Submitted",
      createdFrom: "Purchase Order-PO-VI-1",
    });
    // Waiting for approval, the invoice has not posted, so it has no AP bill yet (docs/intacct/gateway.md §15).
    expect(invoice?.prRecordKey).toBeUndefined();
    expect(await intacct.findPurchasingDocument({ docParId: "Vendor Invoice", documentNo: "NOPE" })).toBeUndefined();
  });

  it("a write referencing an inactive vendor fails with the relink guidance", async () => {
    const inactive = (await collectPages(intacct.listVendors({ status: "inactive" })))[0];
    const outcome = await intacct.createVendorInvoice({
      controlId: nextControlId("vi"),
      dateCreated: "2025-03-10",
      dateDue: "2025-04-30",
      vendorId: inactive?.vendorId ?? "X",
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 1, locationId: "E100" }],
    });
    expect(outcome.status).toBe("failed");
    if (outcome.status !== "failed") return;
    expect(outcome.error.kind).toBe("function");
    expect(outcome.error.userMessage).toContain(`Vendor '${inactive?.vendorId}' is missing or inactive`);
    expect((outcome.error as IntacctFunctionError).functionControlId).toBe(outcome.controlId);
  });

  it("createProjectEstimate and updateProjectEstimate write PJESTIMATE with PJESTIMATEENTRY lines", async () => {
    const { project, task, costType } = await findJobCostTarget();
    const created = await intacct.createProjectEstimate({
      controlId: nextControlId("est"),
      estimateId: "EST-IT-1",
      projectId: project.projectId,
      description: "Original budget",
      entries: [
        {
          taskId: task.taskId,
          costTypeId: costType.costTypeId,
          accountNo: costType.accountNo,
          amount: "9550.00",
          wfType: "original",
        },
      ],
    });
    expect(created).toMatchObject({ status: "done", key: "EST-IT-1", recordNo: expect.stringMatching(/^\d+$/) });
    if (created.status !== "done") return;
    const updated = await intacct.updateProjectEstimate({
      controlId: nextControlId("est-co"),
      recordNo: created.recordNo,
      entries: [
        {
          taskId: task.taskId,
          costTypeId: costType.costTypeId,
          amount: 500,
          wfType: "approved change",
          effectiveDate: "2025-05-01",
        },
      ],
    });
    expect(updated.status).toBe("done");
    const stored = mock.listEstimates("DEMO-CONSTRUCTION").find((estimate) => estimate.PJESTIMATEID === "EST-IT-1");
    expect(stored?.entries.map((entry) => [entry.WFTYPE, entry.AMOUNT])).toEqual([
      ["original", "9550.00"],
      ["approved change", "500.00"],
    ]);
  });

  it("runBatched creates many invoices in batches, in order, with progress", async () => {
    const writes = Array.from({ length: 25 }, (_, index) =>
      buildCreateVendorInvoice({
        controlId: nextControlId("vi-batch"),
        dateCreated: "2025-03-10",
        dateDue: "2025-04-30",
        vendorId: "V-1001",
        documentNo: `B-${index}`,
        lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: index + 1, locationId: "E100" }],
      }),
    );
    const progress: number[] = [];
    const outcomes = await intacct.runBatched(writes, {
      batchSize: 10,
      onProgress: (update) => progress.push(update.processed),
    });
    expect(outcomes.map((outcome) => (outcome.status === "done" ? outcome.key : outcome.status))).toEqual(
      writes.map((_, index) => `Vendor Invoice-B-${index}`),
    );
    expect(progress.sort((a, b) => a - b).at(-1)).toBe(25);
    const requests = mock
      .listRequests()
      .requests.filter((request) => request.functions.some((fn) => fn.function === "create_potransaction"));
    expect(requests.map((request) => request.functions.length).sort()).toEqual([10, 10, 5]);
  });

  it("transaction=true rolls the whole batch back when one write fails", async () => {
    const good = buildCreateVendorInvoice({
      controlId: nextControlId("vi"),
      dateCreated: "2025-03-10",
      dateDue: "2025-04-30",
      vendorId: "V-1001",
      documentNo: "TX-1",
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 1, locationId: "E100" }],
    });
    const bad = buildCreateVendorInvoice({
      controlId: nextControlId("vi"),
      dateCreated: "2025-03-10",
      dateDue: "2025-04-30",
      vendorId: "NOPE",
      documentNo: "TX-2",
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 1, locationId: "E100" }],
    });
    const [first, second] = await intacct.executeWrites([good, bad], { transaction: true });
    expect(first?.status).toBe("failed");
    expect(second?.status).toBe("failed");
    if (first?.status === "failed") expect(first.error.code).toBe("rolled-back");
    if (second?.status === "failed") expect(second.error.code).toBe("invalid-vendor");
    expect(mock.listDocuments().some((doc) => doc.DOCNO === "TX-1")).toBe(false);
  });

  it("resending a completed write with the same controlId does not post twice, and its refusal is unknown (uniqueid=true)", async () => {
    const controlId = nextControlId("vi");
    const input = {
      controlId,
      dateCreated: "2025-03-10",
      dateDue: "2025-04-30",
      vendorId: "V-1001",
      documentNo: "ONCE-1",
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 1, locationId: "E100" }],
    };
    expect((await intacct.createVendorInvoice(input)).status).toBe("done");
    // A resend says so: whatever Intacct answers the controlid it already ran, the caller must look it up.
    expect(await intacct.createVendorInvoice(input, { resend: true })).toMatchObject({ status: "unknown" });
    expect(mock.listDocuments().filter((doc) => doc.DOCNO === "ONCE-1")).toHaveLength(1);
    expect(await intacct.findPurchasingDocument({ docParId: "Vendor Invoice", documentNo: "ONCE-1" })).toMatchObject({
      docNo: "ONCE-1",
    });
  });

  it("an entity-level client (forEntity) writes without locationid on lines and only sees its entity's projects", async () => {
    const denver = intacct.forEntity("E100");
    const session = await denver.openSession();
    expect(session.locationId).toBe("E100");
    const projects = await collectPages(denver.listProjects());
    expect(projects.every((project) => project.locationId === "E100")).toBe(true);
    const outcome = await denver.createVendorInvoice({
      controlId: nextControlId("vi"),
      dateCreated: "2025-03-10",
      dateDue: "2025-04-30",
      vendorId: "V-1001",
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 1 }],
    });
    expect(outcome.status).toBe("done");
  });
});
