import { CostCodeMenu } from "@/components/items/cost-code-menu";
import { ItemDetail } from "@/components/items/item-detail";
import { CostCodeLabel, LinesTable } from "@/components/items/lines-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, DetailList, EmptyState } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { getBudget } from "@/lib/financials/budgets";
import { formatCents, sumCents } from "@/lib/format/money";
import { loadItemFrame } from "../_lib/item-pages";
import { DateTime } from "@/components/ui/time-zone";

// A project has one budget, found by the project (its page has no id of its own).
export default async function BudgetPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const projectId = await requireProjectId(user, (await params).projectId);
  const db = getDb();
  const budget = await getBudget(db, user, projectId);
  const canEdit = hasRole(user.role, CAN_EDIT);
  if (!budget) {
    return (
      <EmptyState
        title="This project has no budget yet"
        action={canEdit ? <ButtonLink href={`/projects/${projectId}/budget/edit`}>Create budget</ButtonLink> : null}
      >
        Build the original budget by cost code, then submit it for approval.
      </EmptyState>
    );
  }
  const frame = await loadItemFrame(db, user, "BUDGET", budget);
  const total = sumCents(budget.lines);
  return (
    <ItemDetail
      {...frame}
      title={budget.title}
      subtitle={`Budget · ${budget.lines.length} lines · ${formatCents(total)}`}
      lockedNote="This budget is approved and locked. Record further changes as budget changes."
      editHref={`/projects/${projectId}/budget/edit`}
    >
      <Card>
        <DetailList
          items={[
            { label: "Status", value: <StatusBadge status={budget.status} /> },
            { label: "Total", value: formatCents(total) },
            { label: "Submitted", value: <DateTime value={budget.submittedAt} /> },
            { label: "Decided", value: <DateTime value={budget.decidedAt} /> },
          ]}
        />
      </Card>
      <LinesTable
        caption="Budget lines"
        lines={budget.lines}
        rowTestId={() => "budget-line"}
        columns={[
          {
            header: "Cost code",
            cell: (line) => (
              <span className="inline-flex items-center gap-2">
                <CostCodeLabel costCode={line.costCode} />
                <CostCodeMenu
                  costCodeId={line.costCode.id}
                  code={line.costCode.code}
                  returnTo={`/projects/${projectId}/budget`}
                />
              </span>
            ),
          },
          { header: "Description", cell: (line) => line.description },
          { header: "Amount", align: "right", cell: (line) => formatCents(line.amountCents) },
        ]}
      />
    </ItemDetail>
  );
}
