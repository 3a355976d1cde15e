import { ItemDetail } from "@/components/items/item-detail";
import { Card, DetailList } from "@/components/ui/card";
import { loadSyncView } from "@/lib/sync/view";
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
  const [events, syncView] = await Promise.all([
    listEvents(db, user, "BUDGET_CHANGE", change.id),
    loadSyncView(db, user, "BUDGET_CHANGE", change.id),
  ]);
  return (
    <ItemDetail
      itemType="BUDGET_CHANGE"
      item={change}
      title={`${change.number} · ${change.title}`}
      subtitle="Budget change"
      lockedNote="This budget change is approved and locked."
      editHref={`/projects/${projectId}/budget-changes/${change.id}/edit`}
      viewer={{ canEdit: hasRole(user.role, CAN_EDIT), canDecide: canUserDecide(user, change.submittedById) }}
      syncView={syncView}
      events={events}
    >
      <Card>
        <DetailList
          items={[
            { label: "Total change", value: formatCents(sumCents(change.lines)) },
            { label: "Reason", value: change.reason || "—" },
            { label: "Submitted", value: formatDateTime(change.submittedAt) },
            { label: "Decided", value: formatDateTime(change.decidedAt) },
          ]}
        />
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
    </ItemDetail>
  );
}
