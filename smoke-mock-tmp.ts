import { startMockIntacct } from "@/tests/mock-intacct";
import { createIntacctClient, collectPages, closeIntacctConnections, buildCreateVendorInvoice } from "@/lib/intacct";
const mock = await startMockIntacct({});
const client = createIntacctClient({ endpointUrl: mock.endpoint, senderId: "ingenious_build", senderPassword: "demo-sender-pass", companyId: "DEMO-CONSTRUCTION", userId: "xml_gateway", userPassword: "demo-user-pass" });
console.log(await client.openSession());
for (const [name, it] of Object.entries({ v: client.listVendors(), p: client.listProjects(), e: client.listEntities(), g: client.listGlAccounts(), st: client.listStandardTasks(), sct: client.listStandardCostTypes(), t: client.listTasks({ projectId: "x" }), ct: client.listCostTypes(), i: client.listItems(), td: client.listTransactionDefinitions() })) {
  try { const all = await collectPages(it as AsyncIterable<unknown[]>); console.log(name, all.length, JSON.stringify(all[0])); } catch (e) { console.log(name, "ERR", (e as Error).message); }
}
const projects = await collectPages(client.listProjects());
const proj = projects[0]!;
const tasks = await collectPages(client.listTasks({ projectId: proj.projectId }));
const cts = await collectPages(client.listCostTypes({ projectId: proj.projectId, taskId: tasks[0]!.taskId }));
console.log(proj, tasks[0], cts[0]);
const po = await client.createPurchaseOrder({ controlId: "po-smoke-1", dateCreated: "2025-03-01", vendorId: "V-1001", documentNo: "PO-SMOKE-1", lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: "2500.00", projectId: proj.projectId, taskId: tasks[0]!.taskId, costTypeId: cts[0]!.costTypeId, locationId: proj.locationId }] });
console.log(po);
if (po.status === "done") console.log(JSON.stringify(await client.readPurchasingDocument(po.key!)));
const bad = await client.createVendorInvoice({ controlId: "vi-bad", dateCreated: "2025-03-01", vendorId: "NOPE", lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: 1 }] });
console.log(bad.status, bad.status === "failed" && bad.error.userMessage);
console.log(await client.readEntityDetails());
await mock.close(); await closeIntacctConnections();
