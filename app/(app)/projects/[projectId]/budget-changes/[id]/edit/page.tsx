import { BudgetChangeForm } from "@/components/items/forms/budget-form";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { isEditable } from "@/lib/financials/approval";
import { getBudgetChange } from "@/lib/financials/budget-changes";
import { toCostCodeLineInputs } from "@/lib/financials/form-options";
import { type ItemPageParams, loadProjectItem } from "../../../_lib/item-pages";

export default async function EditBudgetChangePage({ params }: { params: ItemPageParams }) {
  const {
    db,
    user,
    projectId,
    item: change,
  } = await loadProjectItem(params, getBudgetChange, (c) => c.projectId, CAN_EDIT);
  if (!isEditable(change.status)) return <Alert tone="info">This budget change can no longer be edited.</Alert>;
  const costCodes = await listAllCostCodes(db, user);
  return (
    <>
      <PageHeader title={`Edit ${change.number}`} />
      <BudgetChangeForm
        projectId={projectId}
        costCodes={costCodes}
        initial={{
          id: change.id,
          number: change.number,
          title: change.title,
          reason: change.reason,
          lines: toCostCodeLineInputs(change.lines),
        }}
      />
    </>
  );
}
