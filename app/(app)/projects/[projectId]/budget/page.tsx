import { ApprovalActions } from "@/components/items/approval-actions";
import { CostCodeMenu } from "@/components/items/cost-code-menu";
import { History } from "@/components/items/history";
import { ButtonLink } from "@/components/ui/button";
import { Alert, Card, DetailList, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SyncButton } from "@/components/sync/sync-button";
import { SyncBadge, SyncSection, syncDisabledReason } from "@/components/sync/sync-section";
import { loadSyncView } from "@/lib/sync/view";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { canUserDecide, listEvents } from "@/lib/financials/approval";
import { getBudget } from "@/lib/financials/budgets";
import { formatDateTime } from "@/lib/format/dates";
import { formatCents } from "@/lib/format/money";

export default async function BudgetPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const projectId = requireUuid((await params).projectId);
  const db = getDb();
  const budget = await getBudget(db, user, projectId);
  const canEdit = hasRole(user.role, CAN_EDIT);
  if (!budget) {
    return <EmptyState title="This project has no budget yet" action={canEdit ? <ButtonLink href={`/projects/${projectId}/budget/edit`}>Create budget</ButtonLink> : null}>Build the original budget by cost code, then submit it for approval.</EmptyState>;
  }
  const events = await listEvents(db, user, "BUDGET", budget.id);
  const syncView = await loadSyncView(db, user, "BUDGET", budget.id);
  const showSync = budget.status === "APPROVED" || Boolean(syncView.status);
  const total = budget.lines.reduce((sum, l) => sum + Number(l.amountCents), 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title={budget.title}
        badge={<><StatusBadge status={budget.status} /><SyncBadge view={syncView} /></>}
        subtitle={`Budget · ${budget.lines.length} lines · ${formatCents(total)}`}
        actions={<><ApprovalActions itemType="BUDGET" id={budget.id} status={budget.status} submittedAt={budget.submittedAt?.toISOString() ?? null} canEdit={canEdit} canDecide={canUserDecide(user, budget.submittedById)} editHref={`/projects/${projectId}/budget/edit`} />{showSync && syncView.canSync && budget.status === "APPROVED" ? <SyncButton itemType="BUDGET" id={budget.id} state={syncView.status?.state ?? null} disabledReason={syncDisabledReason(syncView)} /> : null}</>}
      />
      {budget.status === "REJECTED" && budget.rejectionReason ? <Alert tone="warning">Rejected: {budget.rejectionReason}</Alert> : null}
      {budget.status === "APPROVED" ? <Alert tone="info">This budget is approved and locked. Record further changes as budget changes.</Alert> : null}
      {showSync ? <SyncSection view={syncView} /> : null}
      <Card>
        <DetailList items={[{ label: "Status", value: <StatusBadge status={budget.status} /> }, { label: "Total", value: formatCents(total) }, { label: "Submitted", value: formatDateTime(budget.submittedAt) }, { label: "Decided", value: formatDateTime(budget.decidedAt) }]} />
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
                    <CostCodeMenu costCodeId={line.costCode.id} code={line.costCode.code} returnTo={`/projects/${projectId}/budget`} />
                  </span>
                </Td>
                <Td>{line.description}</Td>
                <Td align="right">{formatCents(line.amountCents)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <History events={events} />
    </div>
  );
}
