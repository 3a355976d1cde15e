import { ApprovalActions } from "@/components/items/approval-actions";
import { History } from "@/components/items/history";
import { ItemStatusNote } from "@/components/items/item-detail";
import { Card, DetailList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SyncButton } from "@/components/sync/sync-button";
import { SyncBadge, SyncSection, syncDisabledReason } from "@/components/sync/sync-section";
import { loadSyncView } from "@/lib/sync/view";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { canUserDecide, listEvents } from "@/lib/financials/approval";
import { getBudgetChange } from "@/lib/financials/budget-changes";
import { formatDateTime } from "@/lib/format/dates";
import { formatCents } from "@/lib/format/money";
import { sumCents } from "@/components/items/item-list";
import { notFound } from "next/navigation";

export default async function BudgetChangePage({ params }: { params: Promise<{ projectId: string; id: string }> }) {
  const user = await requireUser();
  const { projectId, id } = await params;
  const db = getDb();
  const change = await orNotFound(getBudgetChange(db, user, requireUuid(id)));
  if (change.projectId !== projectId) notFound();
  const events = await listEvents(db, user, "BUDGET_CHANGE", change.id);
  const syncView = await loadSyncView(db, user, "BUDGET_CHANGE", change.id);
  const showSync = change.status === "APPROVED" || Boolean(syncView.status);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${change.number} · ${change.title}`}
        badge={<><StatusBadge status={change.status} /><SyncBadge view={syncView} /></>}
        subtitle="Budget change"
        actions={<><ApprovalActions itemType="BUDGET_CHANGE" id={change.id} status={change.status} submittedAt={change.submittedAt?.toISOString() ?? null} canEdit={hasRole(user.role, CAN_EDIT)} canDecide={canUserDecide(user, change.submittedById)} editHref={`/projects/${projectId}/budget-changes/${change.id}/edit`} />{showSync && syncView.canSync && change.status === "APPROVED" ? <SyncButton itemType="BUDGET_CHANGE" id={change.id} state={syncView.status?.state ?? null} disabledReason={syncDisabledReason(syncView)} /> : null}</>}
      />
      <ItemStatusNote status={change.status} rejectionReason={change.rejectionReason} lockedNote="This budget change is approved and locked." />
      {showSync ? <SyncSection view={syncView} /> : null}
      <Card>
        <DetailList items={[{ label: "Total change", value: formatCents(sumCents(change.lines)) }, { label: "Reason", value: change.reason || "—" }, { label: "Submitted", value: formatDateTime(change.submittedAt) }, { label: "Decided", value: formatDateTime(change.decidedAt) }]} />
      </Card>
      <Card title="Lines">
        <Table>
          <thead>
            <tr>
              <Th>Cost code</Th>
              <Th>Description</Th>
              <Th align="right">Change</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {change.lines.map((l) => (
              <tr key={l.id}>
                <Td>
                  <span className="font-medium">{l.costCode.code}</span> {l.costCode.name}
                </Td>
                <Td>{l.description}</Td>
                <Td align="right">{formatCents(l.amountCents)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <History events={events} />
    </div>
  );
}
