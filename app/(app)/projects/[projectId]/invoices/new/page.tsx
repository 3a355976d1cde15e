import { notFound } from "next/navigation";
import { InvoiceForm } from "@/components/items/forms/invoice-form";
import { ChooseContract } from "@/components/items/choose-contract";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { isUuid, orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { getContract, listApprovedContracts } from "@/lib/financials/contracts";
import { loadBillableLineOptions } from "@/lib/financials/form-options";
import { dueDateFromTerms, describePaymentTerms, getPaymentTermsDays } from "@/lib/financials/payment-terms";
import { toDateInput } from "@/lib/format/dates";

export default async function NewInvoicePage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ contractId?: string }>;
}) {
  const user = await requireUser(CAN_EDIT);
  const projectId = requireUuid((await params).projectId);
  const contractId = (await searchParams).contractId ?? "";
  const db = getDb();
  if (!isUuid(contractId)) {
    const approved = await listApprovedContracts(db, user, projectId);
    return (
      <ChooseContract
        title="New invoice"
        subtitle="Choose the approved contract this invoice bills against."
        emptyText="Invoices bill against approved contracts."
        contracts={approved}
      />
    );
  }
  const contract = await orNotFound(getContract(db, user, contractId));
  if (contract.projectId !== projectId) notFound();
  if (contract.status !== "APPROVED")
    return (
      <EmptyState title="This contract is not approved yet">
        Invoices can be entered once the contract is approved.
      </EmptyState>
    );
  const [contractLines, paymentTermsDays] = await Promise.all([
    loadBillableLineOptions(db, user, contract.id),
    getPaymentTermsDays(db, user),
  ]);
  const today = new Date(`${toDateInput(new Date())}T00:00:00.000Z`);
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
