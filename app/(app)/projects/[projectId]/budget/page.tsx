import { ItemDetail } from "@/components/items/item-detail";
import { CostCodeMenu } from "@/components/items/cost-code-menu";
import { ButtonLink } from "@/components/ui/button";
import { Card, DetailList, EmptyState } from "@/components/ui/card";
import { loadSyncView } from "@/lib/sync/view";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { canUserDecide, listEvents } from "@/lib/financials/approval";
import { getBudget } from "@/lib/financials/budgets";
import { formatDateTime } from "@/lib/format/dates";
import { formatCents } from "@/lib/format/money";

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
  const [events, syncView] = await Promise.all([
    listEvents(db, user, "BUDGET", budget.id),
    loadSyncView(db, user, "BUDGET", budget.id),
  ]);
  const total = budget.lines.reduce((sum, l) => sum + Number(l.amountCents), 0);
  return (
    <ItemDetail
      itemType="BUDGET"
      item={budget}
      title={budget.title}
      subtitle={`Budget · ${budget.lines.length} lines · ${formatCents(total)}`}
      lockedNote="This budget is approved and locked. Record further changes as budget changes."
      editHref={`/projects/${projectId}/budget/edit`}
      viewer={{ canEdit, canDecide: canUserDecide(user, budget.submittedById) }}
      syncView={syncView}
      events={events}
    >
      <Card>
        <DetailList
          items={[
            { label: "Status", value: <StatusBadge status={budget.status} /> },
            { label: "Total", value: formatCents(total) },
            { label: "Submitted", value: formatDateTime(budget.submittedAt) },
            { label: "Decided", value: formatDateTime(budget.decidedAt) },
          ]}
        />
      </Card>
      <Card title="Lines">
        <Table caption="Budget lines">
          <thead>
            <tr>
              <Th>Cost code</Th>
              <Th>Description</Th>
              <Th align="right">Amount</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {budget.lines.map((line) => (
              <tr key={line.id} data-testid="budget-line">
                <Td>
                  <span className="inline-flex items-center gap-2">
                    <span className="font-medium">{line.costCode.code}</span> {line.costCode.name}
                    <CostCodeMenu
                      costCodeId={line.costCode.id}
                      code={line.costCode.code}
                      returnTo={`/projects/${projectId}/budget`}
                    />
                  </span>
                </Td>
                <Td>{line.description}</Td>
                <Td align="right">{formatCents(line.amountCents)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </ItemDetail>
  );
}
