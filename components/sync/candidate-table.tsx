"use client";

import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { startSyncRunAction, syncAllReadyAction } from "@/app/(app)/accounting-sync/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { ReturnToProjectManager } from "@/components/sync/review-actions";
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
  /** Returned to its project manager: the reason, who and when. */
  returned: string | null;
  /** Ready for accounting, as the reviewer sees it: what stands in the way and what to look at. */
  preflight: { blockers: string[]; warnings: string[] } | null;
};

/** "Accounting reviews before sync": whether it is on, and what this user may do about it. */
export type ReviewProps = { required: boolean; canReview: boolean; canSend: boolean };

// The list of items that can sync, with a checkbox for each ready one; "Sync selected" and "Sync all ready" start
// a run and open it. While accounting reviews, they read "Send" for reviewers, each waiting row shows its preflight
// and a "Return to project manager", and a project manager sees the buttons off with the reason.
export function CandidateTable({
  rows,
  review,
  readyCount,
  projectId,
  projectLabel,
}: {
  rows: CandidateRow[];
  review: ReviewProps;
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
  const busy = start.isPending || all.isPending || !review.canSend;
  const verb = review.required ? "Send" : "Sync";
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
          {verb} selected ({selected.size})
        </Button>
        <Button
          variant="secondary"
          disabled={busy || readyCount === 0}
          onClick={() => all.execute({ projectId, projectLabel })}
        >
          {verb} all ready{projectLabel ? ` in ${projectLabel}` : ""} ({readyCount})
        </Button>
        {review.canSend ? null : (
          <p className="text-sm text-slate-600">An accountant or an admin sends what waits for accounting review.</p>
        )}
        {errors.message ? (
          <p role="alert" className="text-sm text-red-700">
            <ActionMessage message={errors} />
          </p>
        ) : null}
      </div>
      <Table caption="Items that can sync">
        <thead>
          <tr>
            <Th dense>
              <input
                type="checkbox"
                hidden={!review.canSend}
                aria-label="Select every ready item on this page"
                checked={ready.length > 0 && ready.every((r) => selected.has(r.itemId))}
                onChange={(e) => setSelected(e.target.checked ? new Set(ready.map((r) => r.itemId)) : new Set())}
              />
            </Th>
            <Th dense>Project</Th>
            <Th dense>Type</Th>
            <Th dense>Number</Th>
            <Th dense>Vendor</Th>
            <Th dense align="right">
              Amount
            </Th>
            <Th dense>Approved</Th>
            <Th dense>Sync</Th>
            <Th dense>Intacct</Th>
            {review.required && review.canReview ? <Th dense>Review</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.itemId} data-testid={`candidate-${row.number}`}>
              <Td dense>
                {row.ready && review.canSend ? (
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.label}`}
                    checked={selected.has(row.itemId)}
                    onChange={() => toggle(row.itemId)}
                  />
                ) : null}
              </Td>
              <Td dense>{row.project}</Td>
              <Td dense>{row.typeLabel}</Td>
              <Td dense>
                <Link href={row.href} className="font-medium text-indigo-700 hover:underline">
                  {row.number}
                </Link>
              </Td>
              <Td dense wrap>
                {row.vendor}
              </Td>
              <Td dense align="right">
                {row.amount}
              </Td>
              <Td dense>{row.approved}</Td>
              <Td dense>
                {row.syncLabel}
                {row.returned ? (
                  <p className="mt-0.5 text-xs whitespace-normal text-amber-800">{row.returned}</p>
                ) : null}
                {row.preflight ? <PreflightSummary preflight={row.preflight} /> : null}
              </Td>
              <Td dense>
                <RemoteStatusText status={row.remote} />
              </Td>
              {review.required && review.canReview ? (
                <Td dense>
                  {row.ready ? (
                    <div className="flex flex-wrap items-start justify-end gap-2">
                      <Button
                        size="sm"
                        disabled={busy}
                        aria-label={`Send ${row.label}`}
                        onClick={() => start.execute({ items: [{ itemType: row.itemType, itemId: row.itemId }] })}
                      >
                        Send
                      </Button>
                      <ReturnToProjectManager itemType={row.itemType} itemId={row.itemId} label={row.label} />
                    </div>
                  ) : null}
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function PreflightSummary({ preflight }: { preflight: { blockers: string[]; warnings: string[] } }) {
  if (!preflight.blockers.length && !preflight.warnings.length)
    return <p className="mt-0.5 text-xs text-emerald-700">Preflight: ready to send</p>;
  return (
    <ul className="mt-0.5 max-w-sm space-y-0.5 text-xs whitespace-normal" data-testid="review-preflight">
      {preflight.blockers.map((b) => (
        <li key={`b-${b}`} className="text-red-700">
          ✕ {b}
        </li>
      ))}
      {preflight.warnings.slice(0, 3).map((w) => (
        <li key={`w-${w}`} className="text-amber-700">
          ⚠ {w}
        </li>
      ))}
      {preflight.warnings.length > 3 ? (
        <li className="text-amber-700">and {preflight.warnings.length - 3} more warnings (open the item)</li>
      ) : null}
    </ul>
  );
}
