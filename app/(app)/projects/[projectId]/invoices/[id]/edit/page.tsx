import { InvoiceForm } from "@/components/items/forms/invoice-form";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CAN_EDIT } from "@/lib/auth/roles";
import { isEditable } from "@/lib/financials/approval";
import { loadBillableLineOptions } from "@/lib/financials/form-options";
import { describePaymentTerms, getPaymentTermsDays } from "@/lib/financials/payment-terms";
import { getInvoice } from "@/lib/financials/invoices";
import { toDateInput } from "@/lib/format/dates";
import { centsToInput } from "@/lib/format/money";
import { type ItemPageParams, loadProjectItem } from "../../../_lib/item-pages";

export default async function EditInvoicePage({ params }: { params: ItemPageParams }) {
  const {
    db,
    user,
    projectId,
    item: invoice,
  } = await loadProjectItem(params, getInvoice, (i) => i.contract.projectId, CAN_EDIT);
  if (!isEditable(invoice.status)) return <Alert tone="info">This invoice can no longer be edited.</Alert>;
  const contractLines = await loadBillableLineOptions(db, user, invoice.contractId, invoice.id);
  const paymentTermsDays = await getPaymentTermsDays(db, user);
  return (
    <>
      <PageHeader
        title={`Edit invoice ${invoice.number}`}
        subtitle={`${invoice.contract.number} · ${invoice.contract.title}`}
      />
      <InvoiceForm
        projectId={projectId}
        contractId={invoice.contractId}
        contractLines={contractLines}
        paymentTerms={{ days: paymentTermsDays, label: describePaymentTerms(paymentTermsDays) }}
        initial={{
          id: invoice.id,
          number: invoice.number,
          invoiceDate: toDateInput(invoice.invoiceDate),
          dueDate: toDateInput(invoice.dueDate),
          retainagePercent: String(invoice.retainageBps / 100),
          lines: invoice.lines.map((l) => ({
            contractLineId: l.contractLineId ?? l.contractChangeLineId ?? "",
            description: l.description,
            amount: centsToInput(l.amountCents),
          })),
        }}
      />
    </>
  );
}
