"use client";

import { useQuery } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { cancelSyncRunAction, readSyncRunAction, retryFailedAction } from "@/app/(app)/accounting-sync/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/time-zone";
import type { SyncRunItemStatus } from "@/lib/generated/prisma/enums";

const OUTCOME: Record<SyncRunItemStatus, { label: string; style: string }> = {
  QUEUED: { label: "Queued", style: "text-slate-600" },
  SENDING: { label: "Sending", style: "text-indigo-700" },
  SYNCED: { label: "Synced", style: "text-emerald-700" },
  FAILED: { label: "Failed", style: "text-red-700" },
  SKIPPED: { label: "Skipped", style: "text-amber-700" },
  CANCELLED: { label: "Cancelled", style: "text-slate-500" },
};

function formatEta(ms: number | null): string {
  if (ms === null) return "";
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? `about ${seconds} s left` : `about ${Math.ceil(seconds / 60)} min left`;
}

// A run followed live: the bar (n of N), counts per outcome, time left, each item's outcome with its reason and
// fix; Cancel while it runs, Retry failed once it is done. Polls every second while the run is running.
export function RunProgress({ runId }: { runId: string }) {
  const router = useRouter();
  const query = useQuery({
    queryKey: ["sync-run", runId],
    queryFn: async () => (await readSyncRunAction({ runId }))?.data ?? null,
    refetchInterval: (q) => (q.state.data?.run.status === "RUNNING" || !q.state.data ? 1000 : false),
  });
  const cancel = useAction(cancelSyncRunAction, { onSuccess: () => void query.refetch() });
  const retry = useAction(retryFailedAction, {
    onSuccess: ({ data }) => (data ? router.push(`/accounting-sync?run=${data.runId}`) : undefined),
  });
  const errors = readActionErrors(cancel.result.serverError ? cancel.result : retry.result);
  const data = query.data;
  if (!data) return <p className="p-4 text-sm text-slate-500">Loading the run…</p>;
  const { run, counts, done } = data;
  const percent = run.total ? Math.round((done / run.total) * 100) : 100;
  const failed = counts.FAILED + counts.SKIPPED + counts.CANCELLED;
  return (
    <section aria-label="Sync run" className="space-y-4 p-4" data-testid="sync-run">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-semibold text-slate-900">{run.label}</p>
          <p className="text-xs text-slate-500">
            Started by {run.startedByName} · <DateTime value={run.createdAt} /> ·{" "}
            {run.status === "RUNNING" ? "running" : run.status === "CANCELLED" ? "cancelled" : "finished"}
          </p>
        </div>
        <div className="flex gap-2">
          {run.status === "RUNNING" ? (
            <Button variant="danger" size="sm" disabled={cancel.isPending} onClick={() => cancel.execute({ runId })}>
              Cancel
            </Button>
          ) : null}
          {run.status !== "RUNNING" && failed > 0 ? (
            <Button variant="secondary" size="sm" disabled={retry.isPending} onClick={() => retry.execute({ runId })}>
              Retry failed
            </Button>
          ) : null}
        </div>
      </div>
      <div>
        <div
          role="progressbar"
          aria-label="Sync progress"
          aria-valuemin={0}
          aria-valuemax={run.total}
          aria-valuenow={done}
          className="h-2 overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-2 text-sm text-slate-700" data-testid="run-counts">
          <strong>
            {done} of {run.total}
          </strong>{" "}
          · {counts.SYNCED} synced · {counts.FAILED} failed
          {counts.SKIPPED ? ` · ${counts.SKIPPED} skipped` : ""}
          {counts.CANCELLED ? ` · ${counts.CANCELLED} cancelled` : ""}
          {counts.QUEUED + counts.SENDING ? ` · ${counts.QUEUED + counts.SENDING} to go` : ""}
          {data.etaMs !== null ? ` · ${formatEta(data.etaMs)}` : ""}
        </p>
      </div>
      {errors.message ? (
        <p role="alert" className="text-sm text-red-700">
          <ActionMessage message={errors} />
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="run-items">
        {data.items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
            <span className="w-56 shrink-0 font-medium text-slate-800">{item.label}</span>
            <span className={`w-20 shrink-0 font-medium ${OUTCOME[item.status].style}`}>
              {OUTCOME[item.status].label}
            </span>
            <span className="min-w-0 flex-1 text-slate-600">
              {item.message}{" "}
              {item.fixHref && item.status !== "SYNCED" ? (
                <Link href={item.fixHref} className="font-medium text-indigo-700 hover:underline">
                  {item.fixLabel || "Fix it"}
                </Link>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
