import { XMLParser } from "fast-xml-parser";
import * as IA from "@intacct/intacct-sdk";
const rec = (n: number) => `<vendor><RECORDNO>${n}</RECORDNO><VENDORID>VL-${n}</VENDORID><NAME>Acme Concrete ${n} Inc.</NAME><STATUS>active</STATUS><TERMNAME>Net 30</TERMNAME><CURRENCY>USD</CURRENCY><WHENMODIFIED>01/06/2025 09:40:00</WHENMODIFIED></vendor>`;
const body = `<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status><senderid>s</senderid><controlid>c</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control><operation><authentication><status>success</status><userid>u</userid><companyid>c</companyid><locationid></locationid><sessiontimestamp>x</sessiontimestamp><sessiontimeout>y</sessiontimeout></authentication><result><status>success</status><function>readByQuery</function><controlid>f</controlid><data listtype="vendor" count="1000" totalcount="20000" numremaining="19000" resultId="abc">${Array.from({length:1000},(_, i)=>rec(i)).join("")}</data></result></operation></response>`;
function time(name: string, fn: () => void, n = 20) { for (let i=0;i<3;i++) fn(); const t=process.cpuUsage(); for (let i=0;i<n;i++) fn(); const u=process.cpuUsage(t); console.log(name, ((u.user+u.system)/n/1000).toFixed(3), "µs/record"); }
const variants: Record<string, ConstructorParameters<typeof XMLParser>[0]> = {
  current: { ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, parseAttributeValue: false, trimValues: true, processEntities: true, htmlEntities: false, isArray: (t: string, j: unknown, l: boolean, a: boolean) => !a && (t === "result" || t === "error" || String(j).startsWith("response.operation.result.data.")) },
  noIsArray: { ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, parseAttributeValue: false, trimValues: true, processEntities: true },
  noEntities: { ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, parseAttributeValue: false, trimValues: true, processEntities: false },
  jPathFalse: { ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, trimValues: true, jPath: false, processEntities: false } as never,
  minimal: { parseTagValue: false, ignoreAttributes: true, processEntities: false },
  defaults: {},
};
for (const [name, opts] of Object.entries(variants)) { const p = new XMLParser(opts); time(name, () => p.parse(body)); }
time("xml2js sdk", () => new IA.Xml.OnlineResponse(body));
