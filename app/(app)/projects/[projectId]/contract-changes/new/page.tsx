import { notFound } from "next/navigation";
import { ContractChangeForm } from "@/components/items/forms/contract-change-form";
import { ChooseContract } from "@/components/items/choose-contract";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { isUuid, orNotFound, requireProjectId } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";
import { getContract, listApprovedContracts } from "@/lib/financials/contracts";
import { nextContractChangeNumber } from "@/lib/financials/contract-changes";
import { loadContractLineOptions } from "@/lib/financials/form-options";

export default async function NewContractChangePage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ contractId?: string }>;
}) {
  const user = await requireUser(CAN_EDIT);
  const projectId = await requireProjectId(user, (await params).projectId);
  const contractId = (await searchParams).contractId ?? "";
  const db = getDb();
  if (!isUuid(contractId)) {
    const approved = await listApprovedContracts(db, user, projectId);
    return (
      <ChooseContract
        title="New contract change"
        subtitle="Choose the approved contract to change."
        emptyText="A contract must be approved before it can be changed."
        contracts={approved}
      />
    );
  }
  const contract = await orNotFound(getContract(db, user, contractId));
  if (contract.projectId !== projectId) notFound();
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
