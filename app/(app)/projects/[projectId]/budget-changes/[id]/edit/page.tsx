import { notFound } from "next/navigation";
import { BudgetChangeForm } from "@/components/items/forms/budget-form";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";
import { isEditable } from "@/lib/financials/approval";
import { getBudgetChange } from "@/lib/financials/budget-changes";
import { centsToInput } from "@/lib/format/money";

export default async function EditBudgetChangePage({ params }: { params: Promise<{ projectId: string; id: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const { projectId, id } = await params;
  const db = getDb();
  const change = await orNotFound(getBudgetChange(db, user, requireUuid(id)));
  if (change.projectId !== projectId) notFound();
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
          lines: change.lines.map((l) => ({
            costCodeId: l.costCodeId,
            description: l.description,
            amount: centsToInput(l.amountCents),
          })),
        }}
      />
    </>
  );
}
