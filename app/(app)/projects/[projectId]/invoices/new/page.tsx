import { ChooseContract } from "@/components/items/choose-contract";
import { InvoiceForm } from "@/components/items/forms/invoice-form";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { loadBillableLineOptions } from "@/lib/financials/form-options";
import { describePaymentTerms, dueDateFromTerms, getPaymentTermsDays } from "@/lib/financials/payment-terms";
import { toDateInput, todayInZone } from "@/lib/format/dates";
import { loadContractForNewItem, type NewFromContractPageProps } from "../../_lib/item-pages";

export default async function NewInvoicePage(props: NewFromContractPageProps) {
  const { db, user, projectId, contract, choices } = await loadContractForNewItem(props);
  if (!contract)
    return (
      <ChooseContract
        title="New invoice"
        subtitle="Choose the approved contract this invoice bills against."
        emptyText="Invoices bill against approved contracts."
        contracts={choices}
      />
    );
  if (contract.status !== "APPROVED")
    return (
      <EmptyState title="This contract is not approved yet">
        Invoices can be entered once the contract is approved.
      </EmptyState>
    );
  const contractLines = await loadBillableLineOptions(db, user, contract.id);
  const paymentTermsDays = await getPaymentTermsDays(db, user);
  const today = new Date(`${todayInZone(user.timeZone)}T00:00:00.000Z`);
  return (
    <>
      <PageHeader
        title="New invoice"
        subtitle={`${contract.number} · ${contract.title} · ${contract.accountingCompany.name}`}
      />
      <InvoiceForm
        projectId={projectId}
        contractId={contract.id}
        contractLines={contractLines}
        paymentTerms={{ days: paymentTermsDays, label: describePaymentTerms(paymentTermsDays) }}
        initial={{
          number: "",
          invoiceDate: toDateInput(today),
          dueDate: toDateInput(dueDateFromTerms(today, paymentTermsDays)),
          retainagePercent: String(contract.retainageBps / 100),
          lines: [],
        }}
      />
    </>
  );
}
