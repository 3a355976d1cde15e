import { ItemDetail } from "@/components/items/item-detail";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card, DetailList } from "@/components/ui/card";
import { loadSyncView } from "@/lib/sync/view";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { canUserDecide, listEvents } from "@/lib/financials/approval";
import { listContractChanges } from "@/lib/financials/contract-changes";
import { getContractLineBalances, listAddedScope, sumRevisedValue } from "@/lib/financials/contract-balances";
import { getContract } from "@/lib/financials/contracts";
import { listInvoices } from "@/lib/financials/invoices";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { formatBps, formatCents } from "@/lib/format/money";
import { sumCents } from "@/components/items/item-list";

export default async function ContractPage({ params }: { params: Promise<{ projectId: string; id: string }> }) {
  const user = await requireUser();
  const { projectId, id } = await params;
  const db = getDb();
  const contract = await orNotFound(getContract(db, user, requireUuid(id)));
  if (contract.projectId !== projectId) notFound();
  const [events, balances, added, changes, invoices] = await Promise.all([
    listEvents(db, user, "CONTRACT", contract.id),
    getContractLineBalances(db, user, contract.id),
    listAddedScope(db, user, contract.id),
    listContractChanges(db, user, { contractId: contract.id }),
    listInvoices(db, user, { contractId: contract.id }),
  ]);
  const syncView = await loadSyncView(db, user, "CONTRACT", contract.id);
  const canEdit = hasRole(user.role, CAN_EDIT);
  const original = sumCents(contract.lines);
  const revised = sumRevisedValue(balances, added);
  return (
    <ItemDetail
      itemType="CONTRACT"
      item={contract}
      title={`${contract.number} · ${contract.title}`}
      subtitle={`Contract with ${contract.accountingCompany.name}`}
      lockedNote="This contract is approved and locked. Record changes as contract changes."
      editHref={`/projects/${projectId}/contracts/${contract.id}/edit`}
      viewer={{ canEdit, canDecide: canUserDecide(user, contract.submittedById) }}
      syncView={syncView}
      events={events}
    >
      <Card>
        <DetailList
          items={[
            { label: "Accounting company", value: contract.accountingCompany.name },
            { label: "Original value", value: formatCents(original) },
            { label: "Revised value", value: formatCents(revised) },
            { label: "Retainage", value: formatBps(contract.retainageBps) },
            { label: "Start", value: formatDate(contract.startDate) },
            { label: "End", value: formatDate(contract.endDate) },
            { label: "Submitted", value: formatDateTime(contract.submittedAt) },
            { label: "Decided", value: formatDateTime(contract.decidedAt) },
          ]}
        />
        {contract.description ? (
          <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-600">{contract.description}</p>
        ) : null}
      </Card>
      <Card title="Lines">
        <Table>
          <thead>
            <tr>
              <Th>#</Th>
              <Th>Cost code</Th>
              <Th>Description</Th>
              <Th align="right">Original</Th>
              <Th align="right">Revised</Th>
              <Th align="right">Billed</Th>
              <Th align="right">Remaining</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {balances.map((b) => (
              <tr key={b.id}>
                <Td>{b.lineNo}</Td>
                <Td>
                  <span className="font-medium">{b.costCode.code}</span> {b.costCode.name}
                </Td>
                <Td>{b.description}</Td>
                <Td align="right">{formatCents(b.originalCents)}</Td>
                <Td align="right">{formatCents(b.revisedCents)}</Td>
                <Td align="right">{formatCents(b.billedCents)}</Td>
                <Td align="right">{formatCents(b.remainingCents)}</Td>
              </tr>
            ))}
            {added.map((a) => (
              <tr key={a.id} data-testid="added-scope">
                <Td>
                  <Link
                    className="text-emerald-700 hover:underline"
                    href={`/projects/${projectId}/contract-changes/${a.change.id}`}
                    title="A new line added by an approved change"
                  >
                    {a.change.number}
                  </Link>
                </Td>
                <Td>
                  <span className="font-medium">{a.costCode.code}</span> {a.costCode.name}
                </Td>
                <Td>{a.description}</Td>
                <Td align="right">—</Td>
                <Td align="right">{formatCents(a.amountCents)}</Td>
                <Td align="right">—</Td>
                <Td align="right">—</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          title="Contract changes"
          actions={
            canEdit && contract.status === "APPROVED" ? (
              <ButtonLink
                size="sm"
                variant="secondary"
                href={`/projects/${projectId}/contract-changes/new?contractId=${contract.id}`}
              >
                New change
              </ButtonLink>
            ) : null
          }
        >
          <ul className="divide-y divide-slate-100 text-sm">
            {changes.rows.length === 0 ? <li className="px-4 py-3 text-slate-500">No changes.</li> : null}
            {changes.rows.map((c) => (
              <li key={c.id} className="flex items-center justify-between px-4 py-2.5">
                <Link
                  className="text-indigo-700 hover:underline"
                  href={`/projects/${projectId}/contract-changes/${c.id}`}
                >
                  {c.number} · {c.title}
                </Link>
                <span className="flex items-center gap-3">
                  {formatCents(sumCents(c.lines))} <StatusBadge status={c.status} />
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card
          title="Invoices"
          actions={
            canEdit && contract.status === "APPROVED" ? (
              <ButtonLink
                size="sm"
                variant="secondary"
                href={`/projects/${projectId}/invoices/new?contractId=${contract.id}`}
              >
                New invoice
              </ButtonLink>
            ) : null
          }
        >
          <ul className="divide-y divide-slate-100 text-sm">
            {invoices.rows.length === 0 ? <li className="px-4 py-3 text-slate-500">No invoices.</li> : null}
            {invoices.rows.map((i) => (
              <li key={i.id} className="flex items-center justify-between px-4 py-2.5">
                <Link className="text-indigo-700 hover:underline" href={`/projects/${projectId}/invoices/${i.id}`}>
                  {i.number} · {formatDate(i.invoiceDate)}
                </Link>
                <span className="flex items-center gap-3">
                  {formatCents(sumCents(i.lines))} <StatusBadge status={i.status} />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </ItemDetail>
  );
}
