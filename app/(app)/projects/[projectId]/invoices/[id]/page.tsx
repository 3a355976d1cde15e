import Link from "next/link";
import { ItemDetail } from "@/components/items/item-detail";
import { CostCodeLabel, LinesTable } from "@/components/items/lines-table";
import { Card, DetailList } from "@/components/ui/card";
import { describeBilledLine, getInvoice } from "@/lib/financials/invoices";
import { formatDate } from "@/lib/format/dates";
import { formatBps, formatCents, sumCents } from "@/lib/format/money";
import { type ItemPageParams, loadItemDetail } from "../../_lib/item-pages";
import { DateTime } from "@/components/ui/time-zone";

export default async function InvoicePage({ params }: { params: ItemPageParams }) {
  const {
    projectId,
    item: invoice,
    frame,
  } = await loadItemDetail(params, "INVOICE", getInvoice, (i) => i.contract.projectId);
  const total = sumCents(invoice.lines);
  const retainage = invoice.lines.reduce((s, l) => s + Number(l.retainageCents), 0);
  return (
    <ItemDetail
      {...frame}
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
    >
      <Card>
        <DetailList
          items={[
            { label: "Invoice date", value: formatDate(invoice.invoiceDate) },
            { label: "Due date", value: formatDate(invoice.dueDate) },
            { label: "Amount", value: formatCents(total) },
            { label: `Retainage (${formatBps(invoice.retainageBps)})`, value: formatCents(retainage) },
            { label: "Net due", value: formatCents(total - retainage) },
            { label: "Submitted", value: <DateTime value={invoice.submittedAt} /> },
            { label: "Decided", value: <DateTime value={invoice.decidedAt} /> },
          ]}
        />
      </Card>
      <LinesTable
        lines={invoice.lines}
        columns={[
          { header: "Contract line", cell: (l) => describeBilledLine(l).label },
          { header: "Cost code", cell: (l) => <CostCodeLabel costCode={describeBilledLine(l).costCode} /> },
          { header: "Description", cell: (l) => l.description },
          { header: "Amount", align: "right", cell: (l) => formatCents(l.amountCents) },
          { header: "Retainage", align: "right", cell: (l) => formatCents(l.retainageCents) },
        ]}
      />
    </ItemDetail>
  );
}
