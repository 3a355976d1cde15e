"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { importVendorsAction, listImportableVendorsAction } from "@/app/(app)/contacts/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { Field, TextInput } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog } from "./dialog";

type Vendor = { externalId: string; name: string; taxId: string };
type Outcome = { vendorId: string; name: string; status: "created" | "linked" | "skipped"; reason: string };
type Summary = { created: number; linked: number; skipped: number; outcomes: Outcome[] };

// The server takes one batch per call (VENDOR_IMPORT_BATCH): the dialog sends a large import batch by batch, which
// is its progress, and a batch that fails leaves the earlier ones imported (each is safe to send again).
const BATCH = 100;

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

export function describeImport(s: Pick<Summary, "created" | "linked" | "skipped">): string {
  return `Imported from Sage Intacct: ${plural(s.created, "accounting company", "accounting companies")} created, ${s.linked} linked to an existing one, ${s.skipped} skipped.`;
}

function ImportForm({ onDone }: { onDone: (summary: Summary) => void }) {
  const [query, setQuery] = useState("");
  const [list, setList] = useState<{ total: number; rows: Vendor[] } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ActionError | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
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

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const selectAll = async () => {
    setError(null);
    const result = await listImportableVendorsAction({ query, idsOnly: true });
    const refused = readServerError(result);
    if (refused) return setError(refused);
    const data = result?.data;
    if (data && "ids" in data) setSelected(new Set(data.ids));
  };

  const run = async () => {
    const ids = [...selected];
    if (ids.length === 0) return setError({ message: "Choose at least one Sage Intacct vendor." });
    setError(null);
    const total: Summary = { created: 0, linked: 0, skipped: 0, outcomes: [] };
    setProgress({ done: 0, total: ids.length });
    for (let start = 0; start < ids.length; start += BATCH) {
      const result = await importVendorsAction({ vendorIds: ids.slice(start, start + BATCH) });
      const refused = readServerError(result);
      const data = result?.data;
      if (refused || !data) {
        setProgress(null);
        setSummary(total.outcomes.length ? total : null);
        return setError(
          refused ?? { message: "The import stopped. Check the fields and try again; what was imported stays." },
        );
      }
      total.created += data.created;
      total.linked += data.linked;
      total.skipped += data.skipped;
      total.outcomes.push(...data.outcomes);
      setProgress({ done: Math.min(start + BATCH, ids.length), total: ids.length });
    }
    setProgress(null);
    onDone(total);
  };

  const busy = progress !== null;
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
          <Button size="sm" variant="secondary" disabled={busy || !list?.total} onClick={() => void selectAll()}>
            {list ? `Select all ${list.total}` : "Select all"}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={busy || selected.size === 0}
            onClick={() => setSelected(new Set())}
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
              disabled={busy}
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
      {progress ? (
        <div role="status" className="space-y-1 text-sm text-slate-700" data-testid="import-progress">
          <progress className="w-full" max={progress.total} value={progress.done} aria-label="Import progress" />
          Importing… {progress.done} of {progress.total}
        </div>
      ) : null}
      <ActionAlert message={error} />
      {summary ? <Alert tone="warning">{describeImport(summary)}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={busy || selected.size === 0} onClick={() => void run()}>
          {busy ? "Importing…" : `Import ${plural(selected.size, "vendor", "vendors")}`}
        </Button>
      </div>
    </div>
  );
}

function ImportSummary({ summary, onClose }: { summary: Summary; onClose: () => void }) {
  const notCreated = summary.outcomes.filter((o) => o.status !== "created");
  return (
    <div className="space-y-4" data-testid="import-summary">
      <Alert tone={summary.skipped ? "warning" : "success"}>
        <p>{describeImport(summary)}</p>
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
      </Alert>
      <div className="flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </div>
  );
}

/** "Import from Sage Intacct": the button and its dialog, which ends on a summary of what was created, linked or skipped. */
export function VendorImport() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  return (
    <>
      <Button
        onClick={() => {
          setSummary(null);
          setOpen(true);
        }}
      >
        Import from Sage Intacct
      </Button>
      <Dialog open={open} title="Import vendors from Sage Intacct" onClose={() => setOpen(false)}>
        {open && summary ? <ImportSummary summary={summary} onClose={() => setOpen(false)} /> : null}
        {open && !summary ? (
          <ImportForm
            onDone={(s) => {
              setSummary(s);
              router.refresh();
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}
