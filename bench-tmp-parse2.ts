import { XMLParser } from "fast-xml-parser";
import * as IA from "@intacct/intacct-sdk";
import { parseResponseXml } from "@/lib/intacct/xml-parse";
const res = (i: number) => `<result><status>success</status><function>create_potransaction</function><controlid>bench-mgx1k2-ours-${i}</controlid><key>Vendor Invoice-Bmgx1k2-ours-${i}</key></result>`;
const body = `<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status><senderid>ingenious_build</senderid><controlid>c</controlid><uniqueid>true</uniqueid><dtdversion>3.0</dtdversion></control><operation><authentication><status>success</status><userid>xml_gateway</userid><companyid>DEMO-CONSTRUCTION</companyid><locationid></locationid><sessiontimestamp>2026-11-26T04:45:36+00:00</sessiontimestamp><sessiontimeout>2026-11-27T04:45:36+00:00</sessiontimeout></authentication>${Array.from({length:100},(_, i)=>res(i)).join("")}</operation></response>`;
function time(name: string, fn: () => void, n = 2000) { for (let i=0;i<300;i++) fn(); const t=process.cpuUsage(); for (let i=0;i<n;i++) fn(); const u=process.cpuUsage(t); console.log(name, ((u.user+u.system)/n/100).toFixed(2), "µs/fn"); }
time("ours parseResponseXml", () => parseResponseXml(body));
time("sdk OnlineResponse", () => new IA.Xml.OnlineResponse(body));
const variants: Record<string, object> = {
  jPathFalse: { ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, trimValues: true, jPath: false },
  ordered: { ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, trimValues: true, jPath: false, preserveOrder: true },
  orderedNoAttr: { ignoreAttributes: true, parseTagValue: false, jPath: false, preserveOrder: true, processEntities: false },
  noAttrNoEnt: { ignoreAttributes: true, parseTagValue: false, jPath: false, processEntities: false },
};
for (const [name, o] of Object.entries(variants)) { const p = new XMLParser(o); time(name, () => p.parse(body)); }
