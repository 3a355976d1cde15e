import { ItemDetail } from "@/components/items/item-detail";
import Link from "next/link";
import { notFound } from "next/navigation";
import { sumCents } from "@/components/items/item-list";
import { Card, DetailList } from "@/components/ui/card";
import { loadSyncView } from "@/lib/sync/view";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { canUserDecide, listEvents } from "@/lib/financials/approval";
import { getContractChange } from "@/lib/financials/contract-changes";
import { formatDateTime } from "@/lib/format/dates";
import { formatCents } from "@/lib/format/money";

export default async function ContractChangePage({ params }: { params: Promise<{ projectId: string; id: string }> }) {
  const user = await requireUser();
  const { projectId, id } = await params;
  const db = getDb();
  const change = await orNotFound(getContractChange(db, user, requireUuid(id)));
  if (change.contract.projectId !== projectId) notFound();
  const [events, syncView] = await Promise.all([
    listEvents(db, user, "CONTRACT_CHANGE", change.id),
    loadSyncView(db, user, "CONTRACT_CHANGE", change.id),
  ]);
  return (
    <ItemDetail
      itemType="CONTRACT_CHANGE"
      item={change}
      title={`${change.number} · ${change.title}`}
      subtitle={
        <>
          Change to{" "}
          <Link
            className="text-indigo-700 hover:underline"
            href={`/projects/${projectId}/contracts/${change.contractId}`}
          >
            {change.contract.number}
          </Link>{" "}
          with {change.contract.accountingCompany.name}
        </>
      }
      lockedNote="This contract change is approved and locked."
      editHref={`/projects/${projectId}/contract-changes/${change.id}/edit`}
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
              <Th>Contract line</Th>
              <Th>Cost code</Th>
              <Th>Description</Th>
              <Th align="right">Change</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {change.lines.map((l) => (
              <tr key={l.id}>
                <Td>
                  {l.contractLine ? (
                    `Line ${l.contractLine.lineNo}`
                  ) : (
                    <span className="text-emerald-700">New line</span>
                  )}
                </Td>
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
