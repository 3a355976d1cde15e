"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { readRefreshStatusAction, startRefreshAction } from "@/app/(app)/references/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";

type ReferenceType =
  | "VENDOR"
  | "PROJECT"
  | "ENTITY"
  | "GL_ACCOUNT"
  | "STANDARD_TASK"
  | "STANDARD_COST_TYPE"
  | "ITEM"
  | "TRANSACTION_DEFINITION"
  | "TASK"
  | "COST_TYPE";
type RefreshStatus = {
  running: boolean;
  lastRefreshed: string | null;
  types: {
    type: ReferenceType;
    label: string;
    status: "IDLE" | "RUNNING" | "FAILED" | "NEVER";
    processed: number;
    error: string;
  }[];
};

/**
 * "Refresh from Intacct": starts the background refresh and polls its progress. The page keeps working from the
 * cache meanwhile; when the refresh ends, the page re-renders with the new records.
 */
export function RefreshPanel({
  types,
  initial,
  canRefresh,
  connected,
}: {
  types: ReferenceType[];
  initial: RefreshStatus;
  canRefresh: boolean;
  connected: boolean;
}) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [message, setMessage] = useState<({ tone: "error" | "ok" } & ActionError) | null>(null);
  const [starting, setStarting] = useState(false);
  // Set once this tab started a refresh: a fast refresh can finish before the first poll ever sees it running.
  const [watching, setWatching] = useState(false);

  // Set when the server refuses a poll (the session ended): polling again every second would change nothing.
  const [pollRefused, setPollRefused] = useState(false);

  const poll = useCallback(async () => {
    const result = await readRefreshStatusAction({ types });
    if (result?.data) setStatus(result.data);
    return result;
  }, [types]);

  useEffect(() => {
    if ((!status.running && !watching) || pollRefused) return;
    const timer = setInterval(async () => {
      const result = await poll();
      const refused = readServerError(result);
      if (refused) {
        clearInterval(timer);
        setPollRefused(true);
        setMessage({ tone: "error", ...refused });
        return;
      }
      const next = result?.data;
      if (next && !next.running) {
        clearInterval(timer);
        setWatching(false);
        const failed = next.types.filter((t) => t.status === "FAILED");
        setMessage(
          failed.length
            ? { tone: "error", message: failed[0]?.error || "The refresh failed." }
            : { tone: "ok", message: "Refresh from Intacct finished." },
        );
        router.refresh();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [status.running, watching, pollRefused, poll, router]);

  // `full` re-reads everything instead of what changed since the last refresh: the only way records deleted in
  // Intacct (which no WHENMODIFIED filter returns) are marked inactive here.
  const start = async (full: boolean) => {
    setStarting(true);
    setMessage(null);
    setPollRefused(false);
    // One refresh updates the whole cache (the sync needs tasks and cost types too); this page follows its own lists.
    const result = await startRefreshAction({ full });
    setStarting(false);
    const refused = readServerError(result);
    if (refused) {
      setMessage({ tone: "error", ...refused });
      return;
    }
    // Another refresh was already running: this page follows it, and says a full one did not start.
    if (full && result?.data?.started.length === 0)
      setMessage({
        tone: "error",
        message:
          "A refresh was already running, so the full refresh did not start. Click Full refresh again when this one has finished.",
      });
    setWatching(true);
  };

  return (
    <div
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white px-4 py-3 text-sm shadow-sm ring-1 ring-slate-200"
      data-testid="refresh-panel"
    >
      <div role="status" aria-live="polite" className="text-slate-600">
        {status.running || watching ? (
          <span>
            <span className="font-medium text-slate-900">Refreshing from Intacct…</span>{" "}
            {status.types
              .map((t) => `${t.label}: ${t.processed.toLocaleString("en-US")}${t.status === "RUNNING" ? "" : " ✓"}`)
              .join(" · ")}
          </span>
        ) : !connected ? (
          <span>
            Sage Intacct is not connected. An admin connects it in Company Settings → Integration Hub.
            {status.lastRefreshed ? ` Records loaded ${status.lastRefreshed} stay usable.` : ""}
          </span>
        ) : status.lastRefreshed ? (
          <span>
            Intacct records last refreshed{" "}
            <span className="font-medium text-slate-900" data-testid="last-refreshed">
              {status.lastRefreshed}
            </span>
          </span>
        ) : (
          <span>Intacct records have not been loaded yet. Refresh from Intacct to link records.</span>
        )}
        {message ? (
          <span className={`ml-2 ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
            <ActionMessage message={message} />
          </span>
        ) : null}
        {!status.running && !message
          ? status.types
              .filter((t) => t.status === "FAILED")
              .map((t) => (
                <span key={t.type} className="ml-2 text-red-700">
                  {t.label}: {t.error}
                </span>
              ))
          : null}
      </div>
      {canRefresh && connected ? (
        <span className="flex items-center gap-2">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => void start(true)}
            disabled={starting || watching || status.running}
            title="Re-read every record, so records deleted in Intacct are marked inactive"
          >
            Full refresh
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => void start(false)}
            disabled={starting || watching || status.running}
          >
            {status.running || starting || watching ? "Refreshing…" : "Refresh from Intacct"}
          </Button>
        </span>
      ) : null}
    </div>
  );
}
