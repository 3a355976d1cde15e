import { BudgetForm } from "@/components/items/forms/budget-form";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";
import { isEditable } from "@/lib/financials/approval";
import { getBudget } from "@/lib/financials/budgets";
import { toCostCodeLineInputs } from "@/lib/financials/form-options";

export default async function EditBudgetPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const projectId = await requireProjectId(user, (await params).projectId);
  const db = getDb();
  const [budget, costCodes] = await Promise.all([getBudget(db, user, projectId), listAllCostCodes(db, user)]);
  if (budget && !isEditable(budget.status))
    return (
      <Alert tone="info">
        This budget is {budget.status === "APPROVED" ? "approved" : "pending approval"} and cannot be edited.
      </Alert>
    );
  return (
    <>
      <PageHeader title={budget ? "Edit budget" : "Create budget"} />
      <BudgetForm
        projectId={projectId}
        costCodes={costCodes}
        initial={{
          title: budget?.title ?? "Original budget",
          lines: toCostCodeLineInputs(budget?.lines ?? []),
        }}
      />
    </>
  );
}
