import { ChooseContract } from "@/components/items/choose-contract";
import { ContractChangeForm } from "@/components/items/forms/contract-change-form";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { nextContractChangeNumber } from "@/lib/financials/contract-changes";
import { loadContractLineOptions } from "@/lib/financials/form-options";
import { loadContractForNewItem, type NewFromContractPageProps } from "../../_lib/item-pages";

export default async function NewContractChangePage(props: NewFromContractPageProps) {
  const { db, user, projectId, contract, choices } = await loadContractForNewItem(props);
  if (!contract)
    return (
      <ChooseContract
        title="New contract change"
        subtitle="Choose the approved contract to change."
        emptyText="A contract must be approved before it can be changed."
        contracts={choices}
      />
    );
  if (contract.status !== "APPROVED")
    return (
      <EmptyState title="This contract is not approved yet">
        Changes can be recorded once the contract is approved.
      </EmptyState>
    );
  const [costCodes, contractLines, number] = await Promise.all([
    listAllCostCodes(db, user),
    loadContractLineOptions(db, user, contract.id),
    nextContractChangeNumber(db, user, contract.id),
  ]);
  return (
    <>
      <PageHeader
        title="New contract change"
        subtitle={`${contract.number} · ${contract.title} · ${contract.accountingCompany.name}`}
      />
      <ContractChangeForm
        projectId={projectId}
        contractId={contract.id}
        contractLines={contractLines}
        costCodes={costCodes}
        initial={{ number, title: "", reason: "", lines: [] }}
      />
    </>
  );
}
