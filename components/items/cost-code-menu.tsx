"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { getCostCodeLinkAction } from "@/app/(app)/lists/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { CostCodeLinkEditor } from "@/components/links/cost-code-link-editor";
import { Dialog } from "@/components/links/dialog";
import type { PickedReference } from "@/components/links/reference-picker";
import { Button } from "@/components/ui/button";

type Loaded = {
  code: string;
  name: string;
  value: PickedReference | null;
  suggestion: PickedReference | null;
  canEdit: boolean;
};

// The ••• menu beside a cost code in the Budget, the ACR and the Project Cost Codes catalog (the guide's "click the
// ellipses (•••) next to the cost code and select Edit"). Edit opens a dialog with its Connected Accounting Cost Code.
// `inCatalog`: on the catalog itself the menu opens to the left and does not offer to open the catalog.
export function CostCodeMenu({
  costCodeId,
  code,
  returnTo,
  inCatalog = false,
}: {
  costCodeId: string;
  code: string;
  returnTo: string;
  inCatalog?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  // Where the menu opens, in viewport coordinates. The menu is fixed-positioned because the table around the
  // button scrolls (overflow), which would clip a menu opened below the last rows.
  const [anchor, setAnchor] = useState<{ top: number; left: number; right: number } | null>(null);
  const placeMenu = () => {
    const rect = ref.current?.getBoundingClientRect();
    if (rect) setAnchor({ top: rect.bottom + 4, left: rect.left, right: window.innerWidth - rect.right });
  };
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !ref.current?.contains(event.target as Node)) {
        setOpen(false);
        // Escape hands focus back to the ••• button (the menu pattern), so the keyboard user is where they were.
        if (event instanceof KeyboardEvent) button.current?.focus();
      }
    };
    // Opened, the menu takes focus on its first item: arrow keys move between items from there.
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    // A fixed menu follows its button when anything scrolls or the window resizes.
    const follow = () => placeMenu();
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    window.addEventListener("scroll", follow, true);
    window.addEventListener("resize", follow);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
      window.removeEventListener("scroll", follow, true);
      window.removeEventListener("resize", follow);
    };
  }, [open]);

  const toggle = () => {
    placeMenu();
    setOpen(!open);
  };

  // Arrow keys, Home and End move between the items; Tab leaves the menu and closes it.
  const moveFocus = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === "ArrowDown"
        ? (at + 1) % items.length
        : event.key === "ArrowUp"
          ? (at - 1 + items.length) % items.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? items.length - 1
              : null;
    if (event.key === "Tab") setOpen(false);
    if (next === null) return;
    event.preventDefault();
    items[next]?.focus();
  };

  const edit = async () => {
    setOpen(false);
    // The dialog hands focus back to what had it when it opened: the ••• button, not the menu item about to go.
    button.current?.focus();
    setEditing(true);
    setLoaded(null);
    setError(null);
    const result = await getCostCodeLinkAction({ costCodeId });
    if (result?.serverError || !result?.data)
      return setError(readServerError(result) ?? { message: "The cost code could not be loaded." });
    const d = result.data;
    setLoaded({
      code: d.code,
      name: d.name,
      canEdit: d.canEdit,
      value: d.standardTask
        ? { externalId: d.standardTask.externalId, name: d.standardTask.name, active: d.standardTask.active }
        : d.intacctStandardTaskId
          ? { externalId: d.intacctStandardTaskId, name: "not in the records loaded from Intacct", active: true }
          : null,
      suggestion: d.suggestion ? { externalId: d.suggestion.externalId, name: d.suggestion.name, active: true } : null,
    });
  };

  return (
    <div ref={ref} className="relative inline-block">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Actions for cost code ${code}`}
        onClick={toggle}
        className="rounded px-1.5 py-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        •••
      </button>
      {open ? (
        <div
          ref={menu}
          role="menu"
          aria-label={`Cost code ${code}`}
          onKeyDown={moveFocus}
          style={
            anchor ? { top: anchor.top, ...(inCatalog ? { right: anchor.right } : { left: anchor.left }) } : undefined
          }
          className="fixed z-20 w-48 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200"
        >
          <button
            type="button"
            role="menuitem"
            onClick={() => void edit()}
            className="block w-full px-3 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-50"
          >
            Edit
          </button>
          {inCatalog ? null : (
            <Link
              role="menuitem"
              href={`/lists/cost-codes/${costCodeId}?returnTo=${encodeURIComponent(returnTo)}`}
              className="block px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
            >
              Open in Project Cost Codes
            </Link>
          )}
        </div>
      ) : null}
      <Dialog open={editing} title={`Edit cost code ${code}`} onClose={() => setEditing(false)}>
        <ActionAlert message={error} />
        {!loaded && !error ? <p className="text-sm text-slate-500">Loading…</p> : null}
        {loaded ? (
          <div className="space-y-4 whitespace-normal text-left">
            <p className="text-sm text-slate-600">
              <span className="font-medium text-slate-900">{loaded.code}</span> {loaded.name}
            </p>
            <CostCodeLinkEditor
              costCodeId={costCodeId}
              code={loaded.code}
              initial={loaded.value}
              suggestion={loaded.suggestion}
              readOnly={!loaded.canEdit}
              onCancel={() => setEditing(false)}
              onSaved={() => router.refresh()}
            />
            {loaded.canEdit ? null : (
              <div className="flex items-center justify-between gap-2">
                <p className="text-xs text-slate-500">Your role can view links but not change them.</p>
                <Button variant="secondary" onClick={() => setEditing(false)}>
                  Close
                </Button>
              </div>
            )}
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
