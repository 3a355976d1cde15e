import { BudgetChangeForm } from "@/components/items/forms/budget-form";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";

export default async function NewBudgetChangePage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const projectId = requireUuid((await params).projectId);
  const db = getDb();
  const [budget, costCodes, count] = await Promise.all([
    db.budget.findFirst({ where: { projectId, companyId: user.companyId }, select: { id: true } }),
    listAllCostCodes(db, user),
    db.budgetChange.count({ where: { projectId, companyId: user.companyId } }),
  ]);
  if (!budget) return <EmptyState title="Create the budget first">Budget changes adjust the project&apos;s budget, so the budget must exist.</EmptyState>;
  return (
    <>
      <PageHeader title="New budget change" />
      <BudgetChangeForm projectId={projectId} costCodes={costCodes} initial={{ number: `BC-${String(count + 1).padStart(3, "0")}`, title: "", reason: "", lines: [] }} />
    </>
  );
}
