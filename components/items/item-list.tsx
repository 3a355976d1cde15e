import Link from "next/link";
import type { ReactNode } from "react";
import { Card, EmptyState } from "@/components/ui/card";
import { PAGE_SIZE, Pagination } from "@/components/ui/pagination";
import { StatusFilter } from "@/components/ui/search-form";
import { RemoteStatusText } from "@/components/sync/remote-status";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { ItemStatus, SyncState } from "@/lib/generated/prisma/enums";
import { REMOTE_FILTER_LABELS, REMOTE_FILTERS } from "@/lib/sync/remote-filters";
import type { RemoteStatus } from "@/lib/sync/remote-status";
import { SYNC_STATE_LABELS } from "@/lib/sync/types";

export type ItemListRow = {
  id: string;
  href: string;
  number: string;
  title: string;
  cells: ReactNode[];
  amount: string;
  status: ItemStatus;
  syncState?: SyncState;
  /** Returned to its project manager by accounting: the reason, who and when. */
  returnedNote?: string;
  /** What the accounting system last said of the synced document ("Paid Dec 1, 2026"); none before a read-back. */
  remote?: RemoteStatus;
};

type ListFilters = { status?: string; sync?: string; remote?: string };

const filterHref = (basePath: string, filters: ListFilters) => {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  return params.size ? `${basePath}?${params}` : basePath;
};

const chip = (active: boolean) =>
  `rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${active ? "bg-sky-700 text-white ring-sky-700" : "bg-white text-slate-600 ring-slate-300 hover:bg-slate-50"}`;

const SYNC_STYLES: Record<SyncState, string> = {
  NOT_SYNCED: "text-slate-500",
  SYNCING: "text-slate-700",
  SYNCED: "text-sky-700 font-medium",
  FAILED: "text-red-700 font-medium",
  UNKNOWN: "text-amber-700 font-medium",
};

// Filter links keep the other filter: status and sync state combine.
function SyncFilter({ basePath, status, sync, remote }: { basePath: string } & ListFilters) {
  const filterable: SyncState[] = ["NOT_SYNCED", "SYNCED", "FAILED", "UNKNOWN"];
  const options: [string, string][] = [
    ["", "Any sync state"],
    ...filterable.map((s): [string, string] => [s, SYNC_STATE_LABELS[s]]),
  ];
  return (
    <nav aria-label="Filter by sync status" className="flex flex-wrap gap-1">
      {options.map(([key, label]) => {
        const active = (sync ?? "") === key;
        return (
          <Link
            key={key}
            href={filterHref(basePath, { status, sync: key, remote })}
            aria-current={active ? "true" : undefined}
            className={chip(active)}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

// "Intacct state": what the accounting system did with the document since it was sent; combines with the others.
function RemoteFilterNav({ basePath, status, sync, remote }: { basePath: string } & ListFilters) {
  const options: [string, string][] = [
    ["", "Any Intacct state"],
    ...REMOTE_FILTERS.map((f): [string, string] => [f, REMOTE_FILTER_LABELS[f]]),
  ];
  return (
    <nav aria-label="Filter by Intacct state" className="flex flex-wrap gap-1">
      {options.map(([key, label]) => {
        const active = (remote ?? "") === key;
        return (
          <Link
            key={key}
            href={filterHref(basePath, { status, sync, remote: key })}
            aria-current={active ? "true" : undefined}
            className={chip(active)}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

// The list every financial item type shares: status filter, paging, number/title link, amount and status.
export function ItemList({
  basePath,
  status,
  sync,
  remote,
  page,
  total,
  rows,
  headers,
  emptyTitle,
  emptyAction,
}: {
  basePath: string;
  status?: string;
  sync?: string;
  remote?: string;
  page: number;
  total: number;
  rows: ItemListRow[];
  headers: string[];
  emptyTitle: string;
  emptyAction?: ReactNode;
}) {
  const filtered = Boolean(status || sync || remote);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <StatusFilter action={basePath} value={status} />
        <SyncFilter basePath={basePath} status={status} sync={sync} remote={remote} />
      </div>
      <div className="flex justify-end">
        <RemoteFilterNav basePath={basePath} status={status} sync={sync} remote={remote} />
      </div>
      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? "Nothing matches these filters" : emptyTitle}
          action={filtered ? null : emptyAction}
        />
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>Number</Th>
                <Th>Title</Th>
                {headers.map((h) => (
                  <Th key={h}>{h}</Th>
                ))}
                <Th align="right">Amount</Th>
                <Th>Status</Th>
                <Th>Sync</Th>
                <Th>Intacct</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50" data-testid="item-row">
                  <Td className="font-medium">
                    <Link href={row.href} className="text-indigo-700 hover:underline">
                      {row.number}
                    </Link>
                  </Td>
                  <Td>{row.title}</Td>
                  {row.cells.map((cell, i) => (
                    <Td key={headers[i]}>{cell}</Td>
                  ))}
                  <Td align="right">{row.amount}</Td>
                  <Td>
                    <StatusBadge status={row.status} />
                  </Td>
                  <Td className={SYNC_STYLES[row.syncState ?? "NOT_SYNCED"]}>
                    {SYNC_STATE_LABELS[row.syncState ?? "NOT_SYNCED"]}
                    {row.returnedNote ? (
                      <p className="mt-0.5 text-xs font-normal whitespace-normal text-amber-800">
                        Returned by accounting: {row.returnedNote}
                      </p>
                    ) : null}
                  </Td>
                  <Td>
                    <RemoteStatusText status={row.remote ?? null} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination
            page={page}
            total={total}
            pageSize={PAGE_SIZE}
            basePath={basePath}
            params={{ status, sync, remote }}
          />
        </Card>
      )}
    </div>
  );
}
