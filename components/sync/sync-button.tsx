"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { readItemSyncProgressAction, syncItemAction } from "@/app/(app)/projects/sync-actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors, readServerError } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import type { ItemType, SyncState } from "@/lib/generated/prisma/enums";

type Phase = "idle" | "queued" | "sending" | "retrying" | "synced" | "failed";
const ACTIVE: Phase[] = ["queued", "sending", "retrying"];

// "Sync to Accounting" in the item's top-right action area. The click enqueues a job; the button then follows it
// (queued → sending → Successfully Synced, or the failure with its fix). A sync already under way when the page
// opens is followed too, and closing the tab does not stop it.
export function SyncButton({
  itemType,
  id,
  state,
  disabledReason,
}: {
  itemType: ItemType;
  id: string;
  state: SyncState | null;
  disabledReason: string | null;
}) {
  const router = useRouter();
  const [clicked, setClicked] = useState(false);
  const queryClient = useQueryClient();
  const queryKey = ["sync-progress", itemType, id];
  const sync = useAction(syncItemAction, {
    onSuccess: () => {
      setClicked(true);
      void queryClient.invalidateQueries({ queryKey });
    },
    // A refusal re-renders with the current state, except when the session ended: that re-render would leave for
    // the login page and take the "Sign in in a new tab" message with it.
    onError: ({ error }) =>
      readServerError({ serverError: error.serverError })?.signedOut ? undefined : router.refresh(),
  });
  const progress = useQuery({
    queryKey,
    queryFn: async () => (await readItemSyncProgressAction({ itemType, id }))?.data ?? null,
    enabled: state !== "SYNCED" || clicked,
    refetchInterval: (query) => (ACTIVE.includes(query.state.data?.phase ?? "idle") ? 1000 : false),
  });
  const phase: Phase = progress.data?.phase ?? "idle";
  const active = ACTIVE.includes(phase);
  // Once a job this page followed ends, the page re-renders with the new state (badge, history, lock).
  const [followed, setFollowed] = useState<string | null>(null);
  const refreshed = useRef<string | null>(null);
  const runItemId = progress.data?.runItemId ?? null;
  if (active && runItemId && followed !== runItemId) setFollowed(runItemId);
  useEffect(() => {
    if (active || !runItemId || refreshed.current === runItemId) return;
    if (followed !== runItemId && !clicked) return;
    refreshed.current = runItemId;
    router.refresh();
  }, [active, runItemId, followed, clicked, router]);

  const errors = readActionErrors(sync.result);
  // The outcome of a job is shown when this page saw it happen; older outcomes are on the page already.
  const showOutcome = clicked || (runItemId !== null && followed === runItemId);
  const synced = state === "SYNCED" || (showOutcome && phase === "synced");
  if (synced && !showOutcome && !errors.message) return null;
  const label = state === "FAILED" || state === "UNKNOWN" ? "Retry sync" : "Sync to Accounting";
  const busy = sync.isPending || active;
  return (
    <div className="flex min-w-0 flex-col items-stretch gap-2 sm:items-end">
      {!synced ? (
        <Button
          onClick={() => sync.execute({ itemType, id })}
          disabled={busy || Boolean(disabledReason)}
          title={disabledReason ?? undefined}
          aria-describedby={disabledReason ? "sync-disabled-reason" : undefined}
        >
          {busy ? "Syncing…" : label}
        </Button>
      ) : null}
      {disabledReason && !active ? (
        <p id="sync-disabled-reason" className="max-w-xs text-right text-xs text-slate-500">
          {disabledReason}
        </p>
      ) : null}
      {active && progress.data ? (
        <p role="status" data-testid="sync-progress" className="max-w-md text-right text-sm text-slate-600">
          {phase === "queued" ? "Queued: a worker will send it in a moment. You can close this page." : null}
          {phase === "sending" ? "Sending to accounting…" : null}
          {phase === "retrying" ? progress.data.message : null}
        </p>
      ) : null}
      {showOutcome && phase === "synced" && progress.data ? (
        <div
          role="status"
          data-testid="sync-success"
          className="max-w-md break-words rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200 sm:text-right"
        >
          <p className="font-semibold">Successfully Synced</p>
          <p>{progress.data.message.replace(/^Successfully Synced: /, "")}</p>
        </div>
      ) : null}
      {showOutcome && phase === "failed" && progress.data ? (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          {progress.data.message}{" "}
          {progress.data.fixHref ? (
            <Link href={progress.data.fixHref} className="font-medium underline">
              {progress.data.fixLabel || "Fix it"}
            </Link>
          ) : null}
        </p>
      ) : null}
      {errors.message ? (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          <ActionMessage message={errors} />
        </p>
      ) : null}
    </div>
  );
}
