import { ItemDetail } from "@/components/items/item-detail";
import Link from "next/link";
import { notFound } from "next/navigation";
import { sumCents } from "@/components/items/item-list";
import { Card, DetailList } from "@/components/ui/card";
import { loadSyncView } from "@/lib/sync/view";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { canUserDecide, listEvents } from "@/lib/financials/approval";
import { describeBilledLine, getInvoice } from "@/lib/financials/invoices";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { formatBps, formatCents } from "@/lib/format/money";

export default async function InvoicePage({ params }: { params: Promise<{ projectId: string; id: string }> }) {
  const user = await requireUser();
  const { projectId, id } = await params;
  const db = getDb();
  const invoice = await orNotFound(getInvoice(db, user, requireUuid(id)));
  if (invoice.contract.projectId !== projectId) notFound();
  const [events, syncView] = await Promise.all([
    listEvents(db, user, "INVOICE", invoice.id),
    loadSyncView(db, user, "INVOICE", invoice.id),
  ]);
  const total = sumCents(invoice.lines);
  const retainage = invoice.lines.reduce((s, l) => s + Number(l.retainageCents), 0);
  return (
    <ItemDetail
      itemType="INVOICE"
      item={invoice}
      title={`Invoice ${invoice.number}`}
      subtitle={
        <>
          Against{" "}
          <Link
            className="text-indigo-700 hover:underline"
            href={`/projects/${projectId}/contracts/${invoice.contractId}`}
          >
            {invoice.contract.number}
          </Link>{" "}
          · {invoice.contract.accountingCompany.name}
        </>
      }
      lockedNote="This invoice is approved and locked."
      editHref={`/projects/${projectId}/invoices/${invoice.id}/edit`}
      viewer={{ canEdit: hasRole(user.role, CAN_EDIT), canDecide: canUserDecide(user, invoice.submittedById) }}
      syncView={syncView}
      events={events}
    >
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
            {invoice.lines.map((l) => {
              const billed = describeBilledLine(l);
              return (
                <tr key={l.id}>
                  <Td>{billed.label}</Td>
                  <Td>
                    <span className="font-medium">{billed.costCode.code}</span> {billed.costCode.name}
                  </Td>
                  <Td>{l.description}</Td>
                  <Td align="right">{formatCents(l.amountCents)}</Td>
                  <Td align="right">{formatCents(l.retainageCents)}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </Card>
    </ItemDetail>
  );
}
