// GET / — shows what landed where Intacct users look for it (product guide, "Where Data Appears in Sage
// Intacct"): Purchasing → Transactions → Order → Purchase Order / PO Change Order; Purchasing → Transactions →
// Invoice → Vendor Invoice; Projects → Project Estimates. Definitions are grouped by their DOCCLASS, so renamed
// definitions still land in the right menu.
import type { DocumentView, MockRuntime } from "./server";

function esc(value: string | undefined): string {
  return (value ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

function table(headers: string[], rows: (string | undefined)[][]): string {
  if (rows.length === 0) return `<p class="empty">No records.</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

function stateBadge(state: string | undefined): string {
  return `<span class="state state-${esc((state ?? "").replace(/\s+/g, "-").toLowerCase())}">${esc(state)}</span>`;
}

/**
 * The accountant's buttons (POST /__mock/accountant). Every button is always there, as in Intacct's screens; the
 * mock refuses what Intacct would refuse and the page shows the reason.
 */
function renderActions(doc: DocumentView): string {
  const docId = esc(doc.DOCID);
  const button = (action: string, label: string, extra = "") =>
    `<button type="button" data-action="${action}" data-docid="${docId}"${extra}>${label}</button>`;
  return `<div class="actions">${button("approve", "Approve")}${button("decline", "Decline")}${button("post", "Post")}
<span class="group"><input name="pay-amount" placeholder="amount e.g. 100.00" size="12"><input name="pay-date" placeholder="MM/DD/YYYY" size="10">${button("pay", "Pay")}</span>
<span class="group"><input name="change-line" placeholder="line" size="3"><input name="change-amount" placeholder="amount" size="10">${button("change", "Change line")}</span>
<span class="group"><input name="change-vendorid" placeholder="vendor id" size="8">${button("change-vendor", "Change vendor")}</span>
${button("delete", "Delete", ' class="danger"')}</div>`;
}

/** An estimate's lines are changed or removed by their RECORDNO (the first column of the table below). */
function renderEstimateActions(estimateId: string | undefined): string {
  const id = esc(estimateId);
  return `<div class="actions"><span class="group"><input name="entry-recordno" placeholder="line RECORDNO" size="10"><input name="entry-amount" placeholder="amount" size="10"><button type="button" data-action="change-estimate-entry" data-docid="${id}">Change line amount</button><button type="button" data-action="delete-estimate-entry" data-docid="${id}" class="danger">Delete line</button></span></div>`;
}

function renderBill(doc: DocumentView): string {
  const bill = doc.bill;
  if (!bill) return "";
  const payments = doc.payments ?? [];
  return `<p class="bill">AP bill <strong>${esc(bill.RECORDNO)}</strong> · ${stateBadge(bill.STATE)} · entered ${esc(
    bill.TOTALENTERED,
  )} · paid ${esc(bill.TOTALPAID)} · due ${esc(bill.TOTALDUE)}${bill.WHENPAID ? ` · paid on ${esc(bill.WHENPAID)}` : ""}</p>${
    payments.length
      ? table(
          ["Payment", "Date", "Amount", "Method", "State"],
          payments.map((p) => [
            p.RECORDNO,
            p.PAYMENTDATE,
            p.details[0]?.PAYMENTAMOUNT ?? p.TOTALPAID,
            p.PAYMENTMETHOD,
            p.STATE,
          ]),
        )
      : ""
  }`;
}

function renderDocument(doc: DocumentView): string {
  const related = [
    doc.CREATEDFROM ? `created from ${doc.CREATEDFROM}` : "",
    doc.CHANGELOGNUMBER ? `change log #${doc.CHANGELOGNUMBER}` : "",
    doc.PRRECORDKEY ? `AP bill ${doc.PRRECORDKEY}${doc.bill ? ` ${doc.bill.STATE}` : ""}` : "",
  ].filter(Boolean);
  return `<details data-docid="${esc(doc.DOCID)}"><summary><strong>${esc(doc.DOCID)}</strong> · ${esc(doc.VENDORID)} ${esc(doc.VENDORNAME)} · ${esc(doc.WHENCREATED)} · ${stateBadge(
    doc.STATE,
  )} · ${esc(doc.TOTAL)} ${esc(doc.CURRENCY)}${related.length ? ` · ${esc(related.join(", "))}` : ""} · modified ${esc(doc.WHENMODIFIED)}</summary>
${renderActions(doc)}${renderBill(doc)}
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
  const all = mock.listDocuments(company.companyId, { includeDeleted: true });
  const documents = all.filter((d) => !d.deleted);
  const deleted = all.filter((d) => d.deleted);
  const deletedHtml = deleted.length
    ? table(
        ["Document", "State when deleted", "Total", "AP bill", "Deleted at"],
        deleted.map((d) => [
          d.DOCID,
          d.STATE,
          d.TOTAL,
          d.PRRECORDKEY,
          (d as unknown as { deletedAt?: string }).deletedAt,
        ]),
      )
    : `<p class="empty">Nothing deleted.</p>`;
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
            `<details data-docid="${esc(e.PJESTIMATEID)}"><summary><strong>${esc(e.PJESTIMATEID)}</strong> · ${esc(e.PROJECTID)} ${esc(e.PROJECTNAME)} · ${esc(e.STATUS)}${
              e.ISPRIMARY === "true" ? " · primary" : ""
            } · total ${esc(e.TOTALAMOUNT)} · modified ${esc(e.WHENMODIFIED)}</summary>${renderEstimateActions(e.PJESTIMATEID)}${table(
              ["RECORDNO", "Task", "Cost type", "GL account", "WF type", "Amount", "Effective", "Memo", "Modified"],
              e.entries.map((l) => [
                l.RECORDNO,
                l.TASKID,
                l.COSTTYPEID,
                l.ACCOUNTNO,
                l.WFTYPE,
                l.AMOUNT,
                l.EFFECTIVEDATE,
                l.MEMO,
                l.WHENMODIFIED,
              ]),
            )}</details>`,
        )
        .join("")
    : `<p class="empty">No project estimates.</p>`;

  const otherDocs = section("Other");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mock Intacct · ${esc(company.companyId)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d2733}h1{font-size:1.3rem}h2{border-bottom:2px solid #00a65a;padding-bottom:.2rem}
h3{color:#555;margin-bottom:.3rem}h4{margin:.8rem 0 .3rem}table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.85rem}
td,th{border:1px solid #ccd;padding:.2rem .5rem;text-align:left}th{background:#eef2f5}details{margin:.3rem 0}summary{cursor:pointer}
.empty{color:#888;font-style:italic}.state{padding:0 .4rem;border-radius:3px;background:#eee}.state-submitted{background:#fff3cd}
.state-approved{background:#d4edda}.state-declined{background:#f8d7da}nav a{margin-right:1rem}
.state-paid{background:#d4edda}.state-partially-paid{background:#e2f0fb}.actions{margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.group{border:1px solid #dde;padding:.1rem .3rem;border-radius:3px}button.danger{color:#a00}.bill{margin:.3rem 0}
#message{position:sticky;top:0;background:#fff3cd;padding:.3rem .6rem;display:none}#message.ok{background:#d4edda}
</style></head><body>
<div id="message" role="status"></div>
<h1>Mock Intacct — ${esc(company.companyId)}</h1>
<nav>${companies.map((c) => `<a href="/?company=${encodeURIComponent(c.companyId)}">${esc(c.companyId)}</a>`).join("")}
<a href="/__mock/documents">documents JSON</a><a href="/__mock/estimates">estimates JSON</a><a href="/__mock/requests">request log</a></nav>
<h2>Purchasing</h2>
<h3>Purchasing → Transactions → Order</h3>${section("Order")}
<h3>Purchasing → Transactions → Invoice</h3>${section("Invoice")}
${otherDocs ? `<h3>Purchasing → Transactions → (definition removed)</h3>${otherDocs}` : ""}
<h3>Purchasing → Deleted transactions</h3>${deletedHtml}
<h2>Projects</h2>
<h3>Projects → Project Estimates</h3>${estimateHtml}
<script>${viewerScript(company.companyId)}</script>
</body></html>`;
}

/**
 * The buttons post to /__mock/accountant and reload; the page refreshes itself every 15 s unless someone is typing
 * or a document is open.
 */
function viewerScript(companyId: string): string {
  return `
const company = ${JSON.stringify(companyId).replace(/</g, "\\u003c")};
const message = document.getElementById("message");
function show(text, ok) { message.textContent = text; message.className = ok ? "ok" : ""; message.style.display = "block"; }
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const box = button.closest("details");
  const value = (name) => (box.querySelector('input[name="' + name + '"]') || {}).value || "";
  let action = button.dataset.action;
  const body = { company, action, docid: button.dataset.docid };
  if (action === "pay") { body.amount = value("pay-amount"); if (value("pay-date")) body.date = value("pay-date"); }
  if (action === "change") { body.line = Number(value("change-line")); body.amount = value("change-amount"); }
  if (action === "change-vendor") { body.action = "change"; body.vendorid = value("change-vendorid"); }
  if (action.endsWith("-estimate-entry")) {
    delete body.docid;
    body.recordno = value("entry-recordno");
    if (action === "change-estimate-entry") body.amount = value("entry-amount");
  }
  if (action.startsWith("delete") && !confirm("Delete " + (body.docid || "line " + body.recordno) + "?")) return;
  const res = await fetch("/__mock/accountant", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) { show(json.error || "Refused", false); return; }
  sessionStorage.setItem("mock-message", body.action + " " + (body.docid || body.recordno) + ": done");
  sessionStorage.setItem("mock-open", button.dataset.docid);
  location.reload();
});
const done = sessionStorage.getItem("mock-message");
if (done) { show(done, true); sessionStorage.removeItem("mock-message"); }
const open = sessionStorage.getItem("mock-open");
if (open) { for (const d of document.querySelectorAll("details[data-docid]")) if (d.dataset.docid === open) d.open = true; sessionStorage.removeItem("mock-open"); }
setInterval(() => {
  if (document.activeElement && document.activeElement.tagName === "INPUT") return;
  if (document.querySelector("details[open]")) return;
  location.reload();
}, 15000);
`;
}
