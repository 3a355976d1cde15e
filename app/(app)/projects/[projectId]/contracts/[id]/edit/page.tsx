import { ContractForm } from "@/components/items/forms/contract-form";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAccountingCompanyOptions } from "@/lib/contacts/accounting-companies";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { isEditable } from "@/lib/financials/approval";
import { getContract } from "@/lib/financials/contracts";
import { toCostCodeLineInputs } from "@/lib/financials/form-options";
import { toDateInput } from "@/lib/format/dates";
import { type ItemPageParams, loadProjectItem } from "../../../_lib/item-pages";

export default async function EditContractPage({ params }: { params: ItemPageParams }) {
  const {
    db,
    user,
    projectId,
    item: contract,
  } = await loadProjectItem(params, getContract, (c) => c.projectId, CAN_EDIT);
  if (!isEditable(contract.status)) return <Alert tone="info">This contract can no longer be edited.</Alert>;
  const [costCodes, vendors] = await Promise.all([listAllCostCodes(db, user), listAccountingCompanyOptions(db, user)]);
  return (
    <>
      <PageHeader title={`Edit ${contract.number}`} />
      <ContractForm
        projectId={projectId}
        costCodes={costCodes}
        vendors={vendors}
        initial={{
          id: contract.id,
          accountingCompanyId: contract.accountingCompanyId,
          number: contract.number,
          title: contract.title,
          description: contract.description,
          startDate: toDateInput(contract.startDate),
          endDate: toDateInput(contract.endDate),
          retainagePercent: String(contract.retainageBps / 100),
          lines: toCostCodeLineInputs(contract.lines),
        }}
      />
    </>
  );
}
