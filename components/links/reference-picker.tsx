"use client";

import { useEffect, useId, useRef, useState } from "react";
import { searchReferencesAction } from "@/app/(app)/references/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors, readServerError, type ActionError } from "@/components/forms/action-result";
import { inputClass } from "@/components/forms/fields";
import { useInDialog } from "./dialog";

type PickerType = "VENDOR" | "PROJECT" | "ENTITY" | "GL_ACCOUNT" | "STANDARD_TASK";
export type PickedReference = { externalId: string; name: string; active: boolean; parentId?: string };

export function formatReference(ref: { externalId: string; name: string }): string {
  return ref.name ? `${ref.externalId} · ${ref.name}` : ref.externalId;
}

export function InactiveBadge() {
  return (
    <span className="ml-2 inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-300">
      Inactive in Intacct
    </span>
  );
}

/**
 * A searchable picker over the reference cache (server-side search: type an Intacct ID or part of a name). Only
 * active records are offered; a current value that became inactive is still shown, marked as such.
 */
export function ReferencePicker({
  id,
  label,
  type,
  value,
  onChange,
  disabled,
  error,
  hint,
}: {
  id: string;
  label: string;
  type: PickerType;
  value: PickedReference | null;
  onChange: (value: PickedReference | null) => void;
  disabled?: boolean;
  error?: string;
  hint?: string;
}) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<PickedReference[]>([]);
  const [loading, setLoading] = useState(false);
  const [searchError, setSearchError] = useState<ActionError | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  // In a dialog the list is part of the dialog's flow (the dialog scrolls), so it never covers Save or Cancel.
  const inDialog = useInDialog();
  const latest = useRef(0);
  // Closing on blur waits a moment (an option click blurs first); refocusing must cancel that pending close.
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const openList = () => {
    clearTimeout(closeTimer.current);
    setOpen(true);
  };

  useEffect(() => {
    if (!open) return;
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      setLoading(true);
      const result = await searchReferencesAction({ type, query });
      // Answers can arrive out of order: only the latest query's answer is shown.
      if (request !== latest.current) return;
      setLoading(false);
      // A refusal, or a query the schema refused (too long, an invisible control character): say why.
      const queryError = result?.validationErrors ? readActionErrors(result).fields.query?.[0] : undefined;
      setSearchError(readServerError(result) ?? (queryError ? { message: queryError } : null));
      setResults(result?.data ?? []);
      setActive(0);
    }, 150);
    return () => clearTimeout(timer);
  }, [open, query, type]);

  const choose = (ref: PickedReference) => {
    onChange(ref);
    setQuery("");
    setOpen(false);
  };

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {value ? (
        <div
          className="mt-1 flex items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-inset ring-slate-200"
          data-testid={`${id}-selected`}
        >
          <span>
            <span className="font-medium text-slate-900">{formatReference(value)}</span>
            {value.active ? null : <InactiveBadge />}
          </span>
          {disabled ? null : (
            <button
              type="button"
              className="text-xs font-medium text-slate-600 hover:text-slate-900"
              onClick={() => onChange(null)}
              aria-label={`Clear ${label}`}
            >
              Clear
            </button>
          )}
        </div>
      ) : null}
      {disabled ? (
        value ? null : (
          <p className="mt-1 text-sm text-slate-500">Not linked</p>
        )
      ) : (
        <div className="relative mt-1">
          <input
            id={id}
            type="search"
            role="combobox"
            autoComplete="off"
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && results[active] ? `${listId}-option-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            className={inputClass}
            placeholder={value ? "Search to change: Intacct ID or name" : "Search by Intacct ID or name"}
            value={query}
            onFocus={openList}
            onBlur={() => {
              closeTimer.current = setTimeout(() => setOpen(false), 150);
            }}
            onChange={(e) => {
              setQuery(e.target.value);
              openList();
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, results.length - 1));
              else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
              else if (e.key === "Enter" && open && results[active]) {
                e.preventDefault();
                choose(results[active]);
              } else if (e.key === "Escape" && open) setOpen(false);
              else return;
              e.preventDefault();
            }}
          />
          {open ? (
            <ul
              id={listId}
              role="listbox"
              aria-label={`${label} results`}
              data-testid={`${id}-list`}
              className={`${inDialog ? "max-h-48" : "absolute z-20 max-h-64 shadow-lg"} mt-1 w-full overflow-auto rounded-md bg-white py-1 text-sm ring-1 ring-slate-200`}
            >
              {searchError ? (
                <li className="px-3 py-2 text-red-700">
                  <ActionMessage message={searchError} />
                </li>
              ) : null}
              {!searchError && results.length === 0 ? (
                <li className="px-3 py-2 text-slate-500">
                  {loading
                    ? "Searching…"
                    : "No active Intacct records match. Refresh from Intacct if one was just created."}
                </li>
              ) : null}
              {results.map((r, i) => (
                <li
                  key={r.externalId}
                  id={`${listId}-option-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={`cursor-pointer px-3 py-2 ${i === active ? "bg-indigo-50 text-indigo-900" : "text-slate-700"}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(r)}
                >
                  {formatReference(r)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {error ? (
        <p className="mt-1 text-xs text-red-700">{error}</p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}
