"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { checkIntacctNowAction, readStatusCheckAction } from "@/app/(app)/accounting-sync/status-actions";
import type { StatusCheckView } from "@/lib/sync/status-check-view";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import { useTimeZone } from "@/components/ui/time-zone";
import { formatDateTime } from "@/lib/format/dates";

const QUERY_KEY = ["status-check"];
// A check waits its turn behind a company's syncs (two requests in flight per company): the page keeps following it
// this long, then says it is still on its way instead of polling forever.
const FOLLOW_MS = 3 * 60_000;

/**
 * "Check Intacct now": asks the accounting system what became of the company's synced documents. The click only
 * enqueues the check (one per company; a second click joins the one queued); the button then follows it the way the
 * item page follows a sync job, and re-renders the page when it ends so badges and amounts are the new ones.
 */
export function CheckNowButton({
  initial,
  providerName,
  canCheck,
}: {
  initial: StatusCheckView;
  providerName: string;
  canCheck: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  // What the last finished check was when this page asked for a new one: the new one has ended when that changes.
  const [asked, setAsked] = useState<{ since: string | null; click: number } | null>(null);
  const [expiredClick, setExpiredClick] = useState<number | null>(null);
  const check = useAction(checkIntacctNowAction, {
    onSuccess: ({ data }) => {
      setAsked((current) => ({ since: data?.since ?? null, click: (current?.click ?? 0) + 1 }));
      void queryClient.invalidateQueries({ queryKey: QUERY_KEY });
    },
  });
  useEffect(() => {
    if (!asked) return;
    const timer = setTimeout(() => setExpiredClick(asked.click), FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [asked]);
  const waiting = asked !== null && expiredClick !== asked.click;
  const following = (data: StatusCheckView | undefined) =>
    Boolean(data && (data.running || data.queued)) || (waiting && (data?.lastFinishedAt ?? null) === asked?.since);
  const state = useQuery({
    queryKey: QUERY_KEY,
    queryFn: async () => (await readStatusCheckAction({}))?.data ?? null,
    initialData: initial,
    enabled: canCheck,
    refetchInterval: (query) => (following(query.state.data ?? undefined) ? 1000 : false),
  });
  const current = state.data ?? initial;
  const busy = check.isPending || following(current);
  // The check this page asked for ended: re-render with what it found.
  const refreshedFor = useRef<string | null>(null);
  const finished = asked !== null && !busy && current.lastFinishedAt !== asked.since ? current.lastFinishedAt : null;
  useEffect(() => {
    if (!finished || refreshedFor.current === finished) return;
    refreshedFor.current = finished;
    router.refresh();
  }, [finished, router]);
  const errors = readActionErrors(check.result);
  return (
    <div className="flex flex-col items-end gap-1 text-right" data-testid="status-check">
      {canCheck ? (
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => check.execute({})}>
          {busy ? `Checking ${providerName}…` : `Check ${providerName} now`}
        </Button>
      ) : null}
      <p className="text-xs text-slate-500" role="status" data-testid="status-check-time">
        {busy
          ? current.running
            ? `Asking ${providerName} what changed…`
            : "Queued: the check starts in a moment."
          : `Last checked: ${current.lastCheckedAt ? formatDateTime(current.lastCheckedAt, timeZone) : "never"}`}
      </p>
      {!busy && current.lastError ? (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          The last check failed: {current.lastError}
        </p>
      ) : null}
      {!busy && finished && !current.lastError ? <p className="text-xs text-emerald-700">Checked just now.</p> : null}
      {errors.message ? (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          <ActionMessage message={errors} />
        </p>
      ) : null}
    </div>
  );
}
