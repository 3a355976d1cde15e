"use client";

import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { startSyncRunAction, syncAllReadyAction } from "@/app/(app)/accounting-sync/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { RemoteStatusText } from "@/components/sync/remote-status";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import type { ItemType, SyncState } from "@/lib/generated/prisma/enums";
import type { RemoteStatus } from "@/lib/sync/remote-status";

export type CandidateRow = {
  itemType: ItemType;
  itemId: string;
  href: string;
  typeLabel: string;
  label: string;
  number: string;
  project: string;
  vendor: string;
  amount: string;
  approved: string;
  syncState: SyncState;
  syncLabel: string;
  /** What the accounting system last said of the synced document; null before a read-back. */
  remote: RemoteStatus | null;
  ready: boolean;
};

// The list of items that can sync, with a checkbox for each ready one; "Sync selected" and "Sync all ready" start
// a run and open it.
export function CandidateTable({
  rows,
  readyCount,
  projectId,
  projectLabel,
}: {
  rows: CandidateRow[];
  readyCount: number;
  projectId?: string;
  projectLabel?: string;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const open = ({ data }: { data?: { runId: string } }) =>
    data ? router.push(`/accounting-sync?run=${data.runId}`) : undefined;
  const start = useAction(startSyncRunAction, { onSuccess: open });
  const all = useAction(syncAllReadyAction, { onSuccess: open });
  const errors = readActionErrors(
    start.result.serverError || start.result.validationErrors ? start.result : all.result,
  );
  const ready = rows.filter((r) => r.ready);
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const busy = start.isPending || all.isPending;
  return (
    <div>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <Button
          disabled={busy || selected.size === 0}
          onClick={() =>
            start.execute({
              items: rows
                .filter((r) => selected.has(r.itemId))
                .map((r) => ({ itemType: r.itemType, itemId: r.itemId })),
            })
          }
        >
          Sync selected ({selected.size})
        </Button>
        <Button
          variant="secondary"
          disabled={busy || readyCount === 0}
          onClick={() => all.execute({ projectId, projectLabel })}
        >
          Sync all ready{projectLabel ? ` in ${projectLabel}` : ""} ({readyCount})
        </Button>
        {errors.message ? (
          <p role="alert" className="text-sm text-red-700">
            <ActionMessage message={errors} />
          </p>
        ) : null}
      </div>
      <Table caption="Items that can sync">
        <thead>
          <tr>
            <Th>
              <input
                type="checkbox"
                aria-label="Select every ready item on this page"
                checked={ready.length > 0 && ready.every((r) => selected.has(r.itemId))}
                onChange={(e) => setSelected(e.target.checked ? new Set(ready.map((r) => r.itemId)) : new Set())}
              />
            </Th>
            <Th>Project</Th>
            <Th>Type</Th>
            <Th>Number</Th>
            <Th>Vendor</Th>
            <Th align="right">Amount</Th>
            <Th>Approved</Th>
            <Th>Sync</Th>
            <Th>Intacct</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.itemId}>
              <Td>
                {row.ready ? (
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.label}`}
                    checked={selected.has(row.itemId)}
                    onChange={() => toggle(row.itemId)}
                  />
                ) : null}
              </Td>
              <Td>{row.project}</Td>
              <Td>{row.typeLabel}</Td>
              <Td>
                <Link href={row.href} className="font-medium text-indigo-700 hover:underline">
                  {row.number}
                </Link>
              </Td>
              <Td>{row.vendor}</Td>
              <Td align="right">{row.amount}</Td>
              <Td>{row.approved}</Td>
              <Td>{row.syncLabel}</Td>
              <Td>
                <RemoteStatusText status={row.remote} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
