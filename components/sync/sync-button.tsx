"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { syncItemAction } from "@/app/(app)/projects/sync-actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors, readServerError } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import type { ItemType, SyncState } from "@/lib/generated/prisma/enums";

// "Sync to Accounting" in the item's top-right action area. The server decides; a disabled button says why.
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
  // Re-render with the new sync state, except when the session ended: that re-render would leave for the login
  // page and take the "Sign in in a new tab" message with it.
  const sync = useAction(syncItemAction, {
    onSettled: ({ result }) => (readServerError(result)?.signedOut ? undefined : router.refresh()),
  });
  const errors = readActionErrors(sync.result);
  const data = sync.result.data;
  // Synced: nothing to click, but a refused click (another tab won the race) still says why.
  if (state === "SYNCED" && !data && !errors.message) return null;
  const label = state === "FAILED" || state === "UNKNOWN" ? "Retry sync" : "Sync to Accounting";
  return (
    <div className="flex flex-col items-end gap-2">
      {data?.state !== "SYNCED" && state !== "SYNCED" ? (
        <Button
          onClick={() => sync.execute({ itemType, id })}
          disabled={sync.isPending || Boolean(disabledReason)}
          title={disabledReason ?? undefined}
          aria-describedby={disabledReason ? "sync-disabled-reason" : undefined}
        >
          {sync.isPending ? "Syncing…" : label}
        </Button>
      ) : null}
      {disabledReason ? (
        <p id="sync-disabled-reason" className="max-w-xs text-right text-xs text-slate-500">
          {disabledReason}
        </p>
      ) : null}
      {data?.state === "SYNCED" ? (
        <div
          role="status"
          className="max-w-md rounded-md bg-emerald-50 px-3 py-2 text-right text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          <p className="font-semibold">Successfully Synced</p>
          <p>
            {data.documentLabel} · find it in Sage Intacct under {data.location}
          </p>
        </div>
      ) : null}
      {data && data.state !== "SYNCED" ? (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          {data.message}
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
