// GET / — shows what landed where Intacct users look for it (product guide, "Where Data Appears in Sage
// Intacct"): Purchasing → Transactions → Order → Purchase Order / PO Change Order; Purchasing → Transactions →
// Invoice → Vendor Invoice; Projects → Project Estimates. Definitions are grouped by their DOCCLASS, so renamed
// definitions still land in the right menu.
import type { MockRuntime } from "./server";
import type { Row } from "./store";

function esc(value: string | undefined): string {
  return (value ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

function table(headers: string[], rows: (string | undefined)[][]): string {
  if (rows.length === 0) return `<p class="empty">No records.</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

function renderDocument(doc: Row & { entries: Row[] }): string {
  const related = [
    doc.CREATEDFROM ? `created from ${doc.CREATEDFROM}` : "",
    doc.CHANGELOGNUMBER ? `change log #${doc.CHANGELOGNUMBER}` : "",
    doc.PRRECORDKEY ? `AP bill ${doc.PRRECORDKEY}` : "",
  ].filter(Boolean);
  return `<details><summary><strong>${esc(doc.DOCID)}</strong> · ${esc(doc.VENDORID)} ${esc(doc.VENDORNAME)} · ${esc(doc.WHENCREATED)} · <span class="state state-${esc(
    (doc.STATE ?? "").replace(/\s+/g, "-").toLowerCase(),
  )}">${esc(doc.STATE)}</span> · ${esc(doc.TOTAL)} ${esc(doc.CURRENCY)}${related.length ? ` · ${esc(related.join(", "))}` : ""}</summary>
${table(
  [
    "Line",
    "RECORDNO",
    "Item",
    "Memo",
    "Project",
    "Task",
    "Cost type",
    "Qty",
    "Price",
    "Total",
    "Location",
    "Related doc/line",
    "Source line",
  ],
  doc.entries.map((l) => [
    l.LINE_NO,
    l.RECORDNO,
    l.ITEMID,
    l.MEMO || l.ITEMDESC,
    l.PROJECTID,
    l.TASKID,
    l.COSTTYPEID,
    l.QUANTITY,
    l.PRICE,
    l.TOTAL,
    l.LOCATIONID,
    l.RELATEDDOCKEY ? `${l.RELATEDDOCKEY}/${l.RELATEDDOCLINEKEY || "new line"}` : "",
    l.SOURCELINEKEY,
  ]),
)}</details>`;
}

export function renderViewer(mock: MockRuntime, companyParam: string | undefined): string {
  const companies = [...mock.state.companies.values()];
  const company =
    companies.find((c) => c.companyId.toLowerCase() === (companyParam ?? mock.credentials.companyId).toLowerCase()) ??
    companies[0];
  if (!company) return "<!DOCTYPE html><p>No companies.</p>";
  const documents = mock.listDocuments(company.companyId);
  const estimates = mock.listEstimates(company.companyId);
  const definitions = company.tables.PODOCUMENTPARAMS.rows;
  const classOf = (docparid: string | undefined) => definitions.find((d) => d.DOCID === docparid)?.DOCCLASS ?? "Other";
  const names = new Set([...definitions.map((d) => d.DOCID ?? ""), ...documents.map((d) => d.DOCPARID ?? "")]);

  const section = (docClass: string) =>
    [...names]
      .filter(
        (name) => classOf(name) === docClass || (docClass === "Other" && !definitions.some((d) => d.DOCID === name)),
      )
      .map((name) => {
        const docs = documents.filter((d) => d.DOCPARID === name);
        return `<h4>${esc(name)} <small>(${docs.length})</small></h4>${docs.length ? docs.map(renderDocument).join("") : `<p class="empty">No transactions.</p>`}`;
      })
      .join("");

  const estimateHtml = estimates.length
    ? estimates
        .map(
          (e) =>
            `<details><summary><strong>${esc(e.PJESTIMATEID)}</strong> · ${esc(e.PROJECTID)} ${esc(e.PROJECTNAME)} · ${esc(e.STATUS)}${
              e.ISPRIMARY === "true" ? " · primary" : ""
            } · total ${esc(e.TOTALAMOUNT)}</summary>${table(
              ["RECORDNO", "Task", "Cost type", "GL account", "WF type", "Amount", "Effective", "Memo"],
              e.entries.map((l) => [
                l.RECORDNO,
                l.TASKID,
                l.COSTTYPEID,
                l.ACCOUNTNO,
                l.WFTYPE,
                l.AMOUNT,
                l.EFFECTIVEDATE,
                l.MEMO,
              ]),
            )}</details>`,
        )
        .join("")
    : `<p class="empty">No project estimates.</p>`;

  const otherDocs = section("Other");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mock Intacct · ${esc(company.companyId)}</title>
<meta http-equiv="refresh" content="15">
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d2733}h1{font-size:1.3rem}h2{border-bottom:2px solid #00a65a;padding-bottom:.2rem}
h3{color:#555;margin-bottom:.3rem}h4{margin:.8rem 0 .3rem}table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.85rem}
td,th{border:1px solid #ccd;padding:.2rem .5rem;text-align:left}th{background:#eef2f5}details{margin:.3rem 0}summary{cursor:pointer}
.empty{color:#888;font-style:italic}.state{padding:0 .4rem;border-radius:3px;background:#eee}.state-submitted{background:#fff3cd}
.state-approved{background:#d4edda}.state-declined{background:#f8d7da}nav a{margin-right:1rem}
</style></head><body>
<h1>Mock Intacct — ${esc(company.companyId)}</h1>
<nav>${companies.map((c) => `<a href="/?company=${encodeURIComponent(c.companyId)}">${esc(c.companyId)}</a>`).join("")}
<a href="/__mock/documents">documents JSON</a><a href="/__mock/estimates">estimates JSON</a><a href="/__mock/requests">request log</a></nav>
<h2>Purchasing</h2>
<h3>Purchasing → Transactions → Order</h3>${section("Order")}
<h3>Purchasing → Transactions → Invoice</h3>${section("Invoice")}
${otherDocs ? `<h3>Purchasing → Transactions → (definition removed)</h3>${otherDocs}` : ""}
<h2>Projects</h2>
<h3>Projects → Project Estimates</h3>${estimateHtml}
</body></html>`;
}
