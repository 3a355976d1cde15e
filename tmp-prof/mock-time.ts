import { startMockIntacct, DEMO_CREDENTIALS } from "../tools/mock-intacct/index";
import { buildCreateVendorInvoice, createIntacctClient, createMemorySessionCache } from "@/lib/intacct";
const RUN = Date.now().toString(36);
const inv = (p: string, i: number) => ({
  controlId: `b-${RUN}-${p}-${i}`, dateCreated: "2025-03-10", dateDue: "2025-04-30", vendorId: "V-1001",
  documentNo: `B${RUN}-${p}-${i}`, vendorDocNo: `ACME-${i}`,
  lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: "100.00", locationId: "E100", projectId: "P-1001", memo: `Pay app ${i} – Café & Co` }],
});
async function main() {
  const mock: any = await startMockIntacct({ port: 0, latencyMs: 0, seed: "large" } as never);
  const c = createIntacctClient({ endpointUrl: `${mock.url}/ia/xml/xmlgw.phtml`, ...DEMO_CREDENTIALS, sessionCache: createMemorySessionCache() });
  await c.openSession();
  for (let r = 0; r < 4; r++) await c.runBatched(Array.from({ length: 500 }, (_, i) => buildCreateVendorInvoice(inv("w" + r, i))), { batchSize: 100 });
  await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
  await c.openSession({ force: true });
  await fetch(`${mock.url}/__mock/requests/clear`, { method: "POST" });
  for (let r = 0; r < 8; r++) await c.runBatched(Array.from({ length: 500 }, (_, i) => buildCreateVendorInvoice(inv("m" + r, i))), { batchSize: 100 });
  const log: any = await (await fetch(`${mock.url}/__mock/requests?limit=2000`)).json();
  const t = log.requests.filter((r: any) => r.functions.length === 100).map((r: any) => r.durationMs).sort((a: number, b: number) => a - b);
  console.log(process.cwd().split("/").pop(), "n", t.length, "median", t[t.length >> 1], "p10", t[Math.floor(t.length * 0.1)], "p90", t[Math.floor(t.length * 0.9)]);
  await mock.close();
  process.exit(0);
}
main();
