import Link from "next/link";
import { notFound } from "next/navigation";
import { ApprovalActions } from "@/components/items/approval-actions";
import { History } from "@/components/items/history";
import { ItemStatusNote } from "@/components/items/item-detail";
import { sumCents } from "@/components/items/item-list";
import { Card, DetailList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SyncButton } from "@/components/sync/sync-button";
import { SyncBadge, SyncSection, syncDisabledReason } from "@/components/sync/sync-section";
import { loadSyncView } from "@/lib/sync/view";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { canUserDecide, listEvents } from "@/lib/financials/approval";
import { getInvoice } from "@/lib/financials/invoices";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { formatBps, formatCents } from "@/lib/format/money";

export default async function InvoicePage({ params }: { params: Promise<{ projectId: string; id: string }> }) {
  const user = await requireUser();
  const { projectId, id } = await params;
  const db = getDb();
  const invoice = await orNotFound(getInvoice(db, user, requireUuid(id)));
  if (invoice.contract.projectId !== projectId) notFound();
  const events = await listEvents(db, user, "INVOICE", invoice.id);
  const syncView = await loadSyncView(db, user, "INVOICE", invoice.id);
  const showSync = invoice.status === "APPROVED" || Boolean(syncView.status);
  const total = sumCents(invoice.lines);
  const retainage = invoice.lines.reduce((s, l) => s + Number(l.retainageCents), 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Invoice ${invoice.number}`}
        badge={<><StatusBadge status={invoice.status} /><SyncBadge view={syncView} /></>}
        subtitle={<>Against <Link className="text-indigo-700 hover:underline" href={`/projects/${projectId}/contracts/${invoice.contractId}`}>{invoice.contract.number}</Link> · {invoice.contract.accountingCompany.name}</>}
        actions={<><ApprovalActions itemType="INVOICE" id={invoice.id} status={invoice.status} submittedAt={invoice.submittedAt?.toISOString() ?? null} canEdit={hasRole(user.role, CAN_EDIT)} canDecide={canUserDecide(user, invoice.submittedById)} editHref={`/projects/${projectId}/invoices/${invoice.id}/edit`} />{showSync && syncView.canSync && invoice.status === "APPROVED" ? <SyncButton itemType="INVOICE" id={invoice.id} state={syncView.status?.state ?? null} disabledReason={syncDisabledReason(syncView)} /> : null}</>}
      />
      <ItemStatusNote status={invoice.status} rejectionReason={invoice.rejectionReason} lockedNote="This invoice is approved and locked." />
      {showSync ? <SyncSection view={syncView} /> : null}
      <Card>
        <DetailList
          items={[
            { label: "Invoice date", value: formatDate(invoice.invoiceDate) },
            { label: "Due date", value: formatDate(invoice.dueDate) },
            { label: "Amount", value: formatCents(total) },
            { label: `Retainage (${formatBps(invoice.retainageBps)})`, value: formatCents(retainage) },
            { label: "Net due", value: formatCents(total - retainage) },
            { label: "Submitted", value: formatDateTime(invoice.submittedAt) },
            { label: "Decided", value: formatDateTime(invoice.decidedAt) },
          ]}
        />
      </Card>
      <Card title="Lines">
        <Table>
          <thead>
            <tr>
              <Th>Contract line</Th>
              <Th>Cost code</Th>
              <Th>Description</Th>
              <Th align="right">Amount</Th>
              <Th align="right">Retainage</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {invoice.lines.map((l) => (
              <tr key={l.id}>
                <Td>Line {l.contractLine.lineNo}</Td>
                <Td>
                  <span className="font-medium">{l.contractLine.costCode.code}</span> {l.contractLine.costCode.name}
                </Td>
                <Td>{l.description}</Td>
                <Td align="right">{formatCents(l.amountCents)}</Td>
                <Td align="right">{formatCents(l.retainageCents)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <History events={events} />
    </div>
  );
}
