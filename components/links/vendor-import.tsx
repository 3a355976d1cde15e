"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import {
  listImportableVendorsAction,
  readVendorImportAction,
  startVendorImportAction,
} from "@/app/(app)/contacts/actions";
import { ActionAlert, ActionMessage } from "@/components/forms/action-message";
import { readActionErrors, readServerError, type ActionError } from "@/components/forms/action-result";
import { Field, TextInput } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import type { VendorImportView } from "@/lib/integrations/sage-intacct/references/links/vendor-import-jobs";
import { Dialog } from "./dialog";

type Vendor = { externalId: string; name: string; taxId: string };
type Counts = Pick<VendorImportView, "created" | "linked" | "skipped">;

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

export function describeImport(s: Counts): string {
  return `Imported from Sage Intacct: ${plural(s.created, "accounting company", "accounting companies")} created, ${s.linked} linked to an existing one, ${s.skipped} skipped.`;
}

const isActive = (view: VendorImportView | null | undefined) => view?.state === "QUEUED" || view?.state === "RUNNING";

function ImportForm({ onStarted }: { onStarted: (view: VendorImportView, alreadyRunning: boolean) => void }) {
  const [query, setQuery] = useState("");
  const [list, setList] = useState<{ total: number; rows: Vendor[] } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // The search "Select all" was used with, until the selection is changed by hand: the server then imports every
  // importable vendor matching it (as it stands when the import starts) rather than a list of ids.
  const [allFor, setAllFor] = useState<string | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [starting, setStarting] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const call = ++latest.current;
    const timer = setTimeout(async () => {
      const result = await listImportableVendorsAction({ query, idsOnly: false });
      if (call !== latest.current) return;
      const refused = readServerError(result);
      if (refused) return setError(refused);
      const data = result?.data;
      if (data && "rows" in data) setList(data);
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  const toggle = (id: string) => {
    setAllFor(null);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const selectAll = async () => {
    setError(null);
    const result = await listImportableVendorsAction({ query, idsOnly: true });
    const refused = readServerError(result);
    if (refused) return setError(refused);
    const data = result?.data;
    if (data && "ids" in data) {
      setSelected(new Set(data.ids));
      setAllFor(query);
    }
  };

  const run = async () => {
    if (selected.size === 0) return setError({ message: "Choose at least one Sage Intacct vendor." });
    setError(null);
    setStarting(true);
    const result = await startVendorImportAction(
      allFor !== null ? { all: true, query: allFor } : { vendorIds: [...selected] },
    );
    setStarting(false);
    const errors = readActionErrors(result);
    const data = result?.data;
    if (errors.message || !data) {
      const field = Object.values(errors.fields).flat()[0];
      return setError({
        message: field ?? errors.message ?? "The import did not start. Try again.",
        signedOut: errors.signedOut,
      });
    }
    onStarted(data.import, data.alreadyRunning);
  };

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Creates an accounting company here for each Sage Intacct vendor you choose, with its name, tax ID, address and
        contact, linked to that vendor. Only vendors no accounting company is linked to yet are listed.
      </p>
      <Field label="Search Sage Intacct vendors" htmlFor="import-search">
        <TextInput
          id="import-search"
          type="search"
          value={query}
          placeholder="Vendor ID or name"
          onChange={(e) => setQuery(e.target.value)}
        />
      </Field>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span aria-live="polite" data-testid="import-count">
          {list ? `${plural(list.total, "vendor", "vendors")} to import · ${selected.size} selected` : "Loading…"}
        </span>
        <span className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={starting || !list?.total} onClick={() => void selectAll()}>
            {list ? `Select all ${list.total}` : "Select all"}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={starting || selected.size === 0}
            onClick={() => {
              setAllFor(null);
              setSelected(new Set());
            }}
          >
            Clear
          </Button>
        </span>
      </div>
      <fieldset className="max-h-64 overflow-y-auto rounded-md ring-1 ring-slate-200">
        <legend className="sr-only">Sage Intacct vendors</legend>
        {list && list.rows.length === 0 ? (
          <p className="px-3 py-2 text-sm text-slate-500">
            {query ? "No vendor matches." : "Every active Sage Intacct vendor has an accounting company here."}
          </p>
        ) : null}
        {list?.rows.map((v) => (
          <label
            key={v.externalId}
            className="flex cursor-pointer items-center gap-3 border-b border-slate-100 px-3 py-2 text-sm last:border-0 hover:bg-slate-50"
          >
            <input
              type="checkbox"
              checked={selected.has(v.externalId)}
              onChange={() => toggle(v.externalId)}
              disabled={starting}
              className="size-4 rounded border-slate-300"
            />
            <span className="min-w-0 flex-1">
              <span className="font-medium text-slate-900">{v.name}</span>
              <span className="ml-2 text-slate-500">{v.externalId}</span>
              {v.taxId ? <span className="ml-2 text-xs text-slate-500">Tax ID {v.taxId}</span> : null}
            </span>
          </label>
        ))}
        {list && list.total > list.rows.length ? (
          <p className="px-3 py-2 text-xs text-slate-500">
            Showing {list.rows.length} of {list.total}: search to find others, or use Select all.
          </p>
        ) : null}
      </fieldset>
      <ActionAlert message={error} />
      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={starting || selected.size === 0} onClick={() => void run()}>
          {starting ? "Starting…" : `Import ${plural(selected.size, "vendor", "vendors")}`}
        </Button>
      </div>
    </div>
  );
}

function progressText(view: VendorImportView): string {
  const counts = `${view.created} created · ${view.linked} linked · ${view.skipped} skipped`;
  return view.state === "QUEUED"
    ? `Queued: the import starts in a moment (0 of ${view.total})`
    : `Importing… ${view.processed} of ${view.total} · ${counts}`;
}

function ImportProgress({ view, note, onClose }: { view: VendorImportView; note: string; onClose: () => void }) {
  return (
    <div className="space-y-4">
      {note ? <Alert tone="info">{note}</Alert> : null}
      <div role="status" className="space-y-2 text-sm text-slate-700" data-testid="import-progress">
        <progress className="w-full" max={view.total} value={view.processed} aria-label="Import progress" />
        <p>{progressText(view)}</p>
      </div>
      <p className="text-sm text-slate-600">
        The import runs on the server: you may close this dialog or leave the page. This page shows it again when you
        come back, and the table updates when it has finished.
      </p>
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}

function ImportSummary({ view, onClose }: { view: VendorImportView; onClose: () => void }) {
  const outcomes = view.outcomes ?? [];
  const created = outcomes.filter((o) => o.status === "created");
  const notCreated = outcomes.filter((o) => o.status !== "created");
  const failed = view.state === "FAILED";
  return (
    <div className="space-y-4" data-testid="import-summary">
      {failed ? (
        <Alert tone="error">
          The import stopped after {view.processed} of {view.total} vendors: {view.error}
        </Alert>
      ) : null}
      <Alert tone={view.skipped || failed ? "warning" : "success"}>
        <p>{describeImport(view)}</p>
        {notCreated.length ? (
          <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5 text-sm">
            {notCreated.map((o) => (
              <li key={o.vendorId}>
                {o.vendorId}
                {o.name !== o.vendorId ? ` ${o.name}` : ""}: {o.status === "linked" ? "linked" : "skipped"}, {o.reason}
              </li>
            ))}
          </ul>
        ) : null}
        {created.length ? (
          <details className="mt-1 text-sm">
            <summary className="cursor-pointer">Created ({created.length})</summary>
            <ul className="max-h-48 list-disc overflow-y-auto pl-5">
              {created.map((o) => (
                <li key={o.vendorId}>
                  {o.vendorId} {o.name}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Alert>
      <div className="flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </div>
  );
}

/**
 * "Import from Sage Intacct": the button and its dialog. The import runs as a job on the server; the dialog and the
 * line under the button follow it (TanStack Query, every second while it runs), also after the page was closed and
 * opened again (`initial`: the company's import running when the page loaded), and end on its summary: what was
 * created, linked or skipped and why. The table re-renders when it has finished.
 */
export function VendorImport({ initial }: { initial: VendorImportView | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // The import this page follows: the one running when it loaded, or the one it started (or found running).
  const [followedId, setFollowedId] = useState<string | null>(initial?.id ?? null);
  const [note, setNote] = useState("");
  const [pollError, setPollError] = useState<ActionError | null>(null);
  const state = useQuery({
    queryKey: ["vendor-import", followedId],
    queryFn: async () => {
      const result = await readVendorImportAction({ importId: followedId ?? undefined });
      const refused = readServerError(result);
      if (refused) {
        // The session ended (or the import is gone): asking again every second would change nothing.
        setPollError(refused);
        return queryClient.getQueryData<VendorImportView | null>(["vendor-import", followedId]) ?? null;
      }
      return result?.data ?? null;
    },
    initialData: initial && followedId === initial.id ? initial : undefined,
    enabled: followedId !== null,
    refetchInterval: (query) => (!pollError && isActive(query.state.data) ? 1000 : false),
  });
  const current = followedId ? (state.data ?? null) : null;
  const active = isActive(current);

  // The import ended while this page followed it: re-render the table with what it created and linked.
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!current || isActive(current) || refreshedFor.current === current.id) return;
    refreshedFor.current = current.id;
    router.refresh();
  }, [current, router]);

  const openDialog = () => {
    // A running import is shown, not a second form; an ended one is done with, and the form starts the next.
    if (!active) {
      setFollowedId(null);
      setNote("");
    }
    setOpen(true);
  };

  const onStarted = (view: VendorImportView, alreadyRunning: boolean) => {
    queryClient.setQueryData(["vendor-import", view.id], view);
    setPollError(null);
    setFollowedId(view.id);
    setNote(
      alreadyRunning
        ? `${view.requestedByName}'s import was already running, so yours did not start: here is its progress. Start yours when it has finished.`
        : "",
    );
  };

  return (
    <>
      {/* Under the button, in the header's action area: left-aligned where the header stacks (a phone). */}
      <div className="flex flex-col items-start gap-1 text-left sm:items-end sm:text-right">
        <Button onClick={openDialog}>Import from Sage Intacct</Button>
        <div role="status" className="max-w-xs text-xs text-slate-600" data-testid="import-status">
          {current && active ? progressText(current) : null}
          {current && !active ? (
            <>
              {current.state === "FAILED"
                ? `Import stopped after ${current.processed} of ${current.total}. `
                : `Import finished: ${current.created} created · ${current.linked} linked · ${current.skipped} skipped. `}
              <button
                type="button"
                className="font-medium text-indigo-700 hover:underline"
                onClick={() => setOpen(true)}
              >
                Show summary
              </button>
            </>
          ) : null}
          {pollError ? (
            <span className="text-red-700">
              {" "}
              <ActionMessage message={pollError} />
            </span>
          ) : null}
        </div>
      </div>
      <Dialog open={open} title="Import vendors from Sage Intacct" onClose={() => setOpen(false)}>
        {open && current && active ? (
          <ImportProgress view={current} note={note} onClose={() => setOpen(false)} />
        ) : null}
        {open && current && !active ? <ImportSummary view={current} onClose={() => setOpen(false)} /> : null}
        {open && !current ? <ImportForm onStarted={onStarted} /> : null}
      </Dialog>
    </>
  );
}
