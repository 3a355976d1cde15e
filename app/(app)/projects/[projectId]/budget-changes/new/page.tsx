import { BudgetChangeForm } from "@/components/items/forms/budget-form";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";
import { getNewBudgetChangeDefaults } from "@/lib/financials/budget-changes";

export default async function NewBudgetChangePage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const projectId = await requireProjectId(user, (await params).projectId);
  const db = getDb();
  const [defaults, costCodes] = await Promise.all([
    getNewBudgetChangeDefaults(db, user, projectId),
    listAllCostCodes(db, user),
  ]);
  if (!defaults.hasBudget)
    return (
      <EmptyState title="Create the budget first">
        Budget changes adjust the project&apos;s budget, so the budget must exist.
      </EmptyState>
    );
  return (
    <>
      <PageHeader title="New budget change" />
      <BudgetChangeForm
        projectId={projectId}
        costCodes={costCodes}
        initial={{ number: defaults.number, title: "", reason: "", lines: [] }}
      />
    </>
  );
}
