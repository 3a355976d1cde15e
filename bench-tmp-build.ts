import { buildCreateVendorInvoice } from "@/lib/intacct";
import { buildRequestXml, buildXml } from "@/lib/intacct/xml-build";
import * as IA from "@intacct/intacct-sdk";
const input = (i: number) => ({ controlId: `bench-x-${i}`, dateCreated: "2025-03-10", vendorId: "V-1001", documentNo: `B-${i}`, vendorDocNo: `ACME-${i}`, lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: "100.00", locationId: "E100", projectId: "P-1001", memo: `Pay app ${i} – Café & Co` }] });
function time(name: string, fn: () => void, n = 20000) { for (let i=0;i<2000;i++) fn(); const t=process.cpuUsage(); for (let i=0;i<n;i++) fn(); const u=process.cpuUsage(t); console.log(name, ((u.user+u.system)/n).toFixed(2), "µs"); }
const fns = Array.from({length: 100}, (_, i) => buildCreateVendorInvoice(input(i)));
time("zod+node build only", () => buildCreateVendorInvoice(input(1)));
time("xml of 1 fn (XMLBuilder)", () => buildXml({ function: { "@_controlid": "x", ...fns[0]!.body } }));
time("envelope 100 fns /100", () => buildRequestXml({ senderId: "s", senderPassword: "p", controlId: "c", uniqueId: true, transaction: false, authentication: { sessionId: "x" }, functions: fns }), 200);
const cfg = new IA.ClientConfig(); Object.assign(cfg, { senderId: "s", senderPassword: "p", companyId: "c", userId: "u", userPassword: "p" });
const client = new IA.OnlineClient(cfg);
function sdkInv(i: number) { const fn = new IA.Functions.Purchasing.PurchasingTransactionCreate(`bench-x-${i}`); fn.transactionDefinition = "Vendor Invoice"; fn.transactionDate = new Date(Date.UTC(2025,2,10)); fn.vendorId = "V-1001"; fn.documentNumber = `B-${i}`; fn.vendorDocNumber = `ACME-${i}`; const l = new IA.Functions.Purchasing.PurchasingTransactionLineCreate(); l.itemId = "SUBCONTRACT"; l.quantity = 1; l.price = 100; l.locationId = "E100"; l.projectId = "P-1001"; l.memo = `Pay app ${i} – Café & Co`; fn.lines = [l]; return fn; }
const rc = new IA.RequestConfig();
time("sdk build 100 /100", () => new IA.Xml.RequestBlock(client.config, rc, Array.from({length:100},(_, i)=>sdkInv(i))).writeXml(), 200);
time("ours build 100 /100", () => buildRequestXml({ senderId: "s", senderPassword: "p", controlId: "c", uniqueId: true, transaction: false, authentication: { sessionId: "x" }, functions: Array.from({length:100},(_, i)=>buildCreateVendorInvoice(input(i))) }), 200);
