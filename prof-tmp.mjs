import { XMLParser } from "fast-xml-parser";
const rec = (n) => `<vendor><RECORDNO>${n}</RECORDNO><VENDORID>VL-${n}</VENDORID><NAME>Acme Concrete ${n} Inc.</NAME><STATUS>active</STATUS><TERMNAME>Net 30</TERMNAME><CURRENCY>USD</CURRENCY><WHENMODIFIED>01/06/2025 09:40:00</WHENMODIFIED></vendor>`;
const body = `<response><control><status>success</status></control><operation><result><data listtype="vendor">${Array.from({length:1000},(_, i)=>rec(i)).join("")}</data></result></operation></response>`;
const p = new XMLParser({ ignoreAttributes: false, parseTagValue: false, processEntities: false, jPath: false });
for (let i=0;i<100;i++) p.parse(body);
