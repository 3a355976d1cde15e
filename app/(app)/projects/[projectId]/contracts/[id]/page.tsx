import Link from "next/link";
import type { ReactNode } from "react";
import { ItemDetail } from "@/components/items/item-detail";
import { CostCodeLabel, LinesTable } from "@/components/items/lines-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, DetailList } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { getContractLineBalances, listAddedScope, sumRevisedValue } from "@/lib/financials/contract-balances";
import { listContractChanges } from "@/lib/financials/contract-changes";
import { getContract } from "@/lib/financials/contracts";
import { listInvoices } from "@/lib/financials/invoices";
import { getContractBilledAndPaid } from "@/lib/reports/contract-paid";
import { formatDate } from "@/lib/format/dates";
import { formatBps, formatCents, sumCents } from "@/lib/format/money";
import { type ItemPageParams, loadItemDetail } from "../../_lib/item-pages";
import { DateTime } from "@/components/ui/time-zone";

type ContractRow = {
  id: string;
  /** A line of the contract, or one an approved change added (its change links it). */
  no: ReactNode;
  costCode: { code: string; name: string };
  description: string;
  original?: number;
  revised: number;
  billed?: number;
  remaining?: number;
  added?: boolean;
};

const orDash = (cents: number | undefined) => (cents === undefined ? "—" : formatCents(cents));

export default async function ContractPage({ params }: { params: ItemPageParams }) {
  const {
    db,
    user,
    projectId,
    item: contract,
    frame,
  } = await loadItemDetail(params, "CONTRACT", getContract, (c) => c.projectId);
  const [balances, added, changes, invoices, toDate] = await Promise.all([
    getContractLineBalances(db, user, contract.id),
    listAddedScope(db, user, contract.id),
    listContractChanges(db, user, { contractId: contract.id }),
    listInvoices(db, user, { contractId: contract.id }),
    getContractBilledAndPaid(db, user, contract.id),
  ]);
  const canEdit = frame.viewer.canEdit;
  const original = sumCents(contract.lines);
  const revised = sumRevisedValue(balances, added);
  const rows: ContractRow[] = [
    ...balances.map((b) => ({
      id: b.id,
      no: b.lineNo,
      costCode: b.costCode,
      description: b.description,
      original: b.originalCents,
      revised: b.revisedCents,
      billed: b.billedCents,
      remaining: b.remainingCents,
    })),
    ...added.map((a) => ({
      id: a.id,
      no: (
        <Link
          className="text-emerald-700 hover:underline"
          href={`/projects/${projectId}/contract-changes/${a.change.id}`}
          title="A new line added by an approved change"
        >
          {a.change.number}
        </Link>
      ),
      costCode: a.costCode,
      description: a.description,
      revised: a.amountCents,
      added: true,
    })),
  ];
  return (
    <ItemDetail
      {...frame}
      title={`${contract.number} · ${contract.title}`}
      subtitle={`Contract with ${contract.accountingCompany.name}`}
      lockedNote="This contract is approved and locked. Record changes as contract changes."
      editHref={`/projects/${projectId}/contracts/${contract.id}/edit`}
    >
      <Card>
        <DetailList
          items={[
            { label: "Accounting company", value: contract.accountingCompany.name },
            { label: "Original value", value: formatCents(original) },
            { label: "Revised value", value: formatCents(revised) },
            { label: "Billed to date", value: formatCents(toDate.billedCents) },
            { label: "Paid to date", value: formatCents(toDate.paidCents) },
            { label: "Retainage", value: formatBps(contract.retainageBps) },
            { label: "Start", value: formatDate(contract.startDate) },
            { label: "End", value: formatDate(contract.endDate) },
            { label: "Submitted", value: <DateTime value={contract.submittedAt} /> },
            { label: "Decided", value: <DateTime value={contract.decidedAt} /> },
          ]}
        />
        {contract.description ? (
          <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-600">{contract.description}</p>
        ) : null}
      </Card>
      <LinesTable
        lines={rows}
        rowTestId={(row) => (row.added ? "added-scope" : undefined)}
        columns={[
          { header: "#", cell: (row) => row.no },
          { header: "Cost code", cell: (row) => <CostCodeLabel costCode={row.costCode} /> },
          { header: "Description", cell: (row) => row.description },
          { header: "Original", align: "right", cell: (row) => orDash(row.original) },
          { header: "Revised", align: "right", cell: (row) => formatCents(row.revised) },
          { header: "Billed", align: "right", cell: (row) => orDash(row.billed) },
          { header: "Remaining", align: "right", cell: (row) => orDash(row.remaining) },
        ]}
      />
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
