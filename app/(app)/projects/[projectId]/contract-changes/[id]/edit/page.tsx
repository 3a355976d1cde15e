import { ContractChangeForm } from "@/components/items/forms/contract-change-form";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { isEditable } from "@/lib/financials/approval";
import { getContractChange } from "@/lib/financials/contract-changes";
import { loadContractLineOptions } from "@/lib/financials/form-options";
import { centsToInput } from "@/lib/format/money";
import { type ItemPageParams, loadProjectItem } from "../../../_lib/item-pages";

export default async function EditContractChangePage({ params }: { params: ItemPageParams }) {
  const {
    db,
    user,
    projectId,
    item: change,
  } = await loadProjectItem(params, getContractChange, (c) => c.contract.projectId, CAN_EDIT);
  if (!isEditable(change.status)) return <Alert tone="info">This contract change can no longer be edited.</Alert>;
  const [costCodes, contractLines] = await Promise.all([
    listAllCostCodes(db, user),
    loadContractLineOptions(db, user, change.contractId),
  ]);
  return (
    <>
      <PageHeader title={`Edit ${change.number}`} subtitle={`${change.contract.number} · ${change.contract.title}`} />
      <ContractChangeForm
        projectId={projectId}
        contractId={change.contractId}
        contractLines={contractLines}
        costCodes={costCodes}
        initial={{
          id: change.id,
          number: change.number,
          title: change.title,
          reason: change.reason,
          lines: change.lines.map((l) => ({
            contractLineId: l.contractLineId ?? "",
            costCodeId: l.contractLineId ? "" : l.costCodeId,
            description: l.description,
            amount: centsToInput(l.amountCents),
          })),
        }}
      />
    </>
  );
}
