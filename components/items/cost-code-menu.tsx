"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";

// The ••• menu beside a cost code in the Budget and the ACR. Edit opens the cost code's details, where its
// Connected Accounting Cost Code will be chosen.
export function CostCodeMenu({ costCodeId, code, returnTo }: { costCodeId: string; code: string; returnTo: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  return (
    <div ref={ref} className="relative inline-block">
      <button type="button" aria-haspopup="menu" aria-expanded={open} aria-label={`Actions for cost code ${code}`} onClick={() => setOpen(!open)} className="rounded px-1.5 py-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
        •••
      </button>
      {open ? (
        <div role="menu" className="absolute left-0 z-10 mt-1 w-36 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
          <Link role="menuitem" href={`/lists/cost-codes/${costCodeId}?returnTo=${encodeURIComponent(returnTo)}`} className="block px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
            Edit
          </Link>
        </div>
      ) : null}
    </div>
  );
}
