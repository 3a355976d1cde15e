"use client";

import { createContext, type ReactNode, useContext, useEffect, useId, useRef } from "react";

// Inside a dialog, a picker's list takes room in the dialog (which scrolls) instead of floating over it: a list
// floating over the dialog's own buttons hid Save and Cancel, on a desktop and a phone alike.
const InDialogContext = createContext(false);

export function useInDialog(): boolean {
  return useContext(InDialogContext);
}

// A modal dialog on the native <dialog> element: focus trapping, Escape and the backdrop come from the browser.
// Focus goes back to what opened it (the browser does not promise that when React closes it).
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
    if (!open && opener.current) {
      const back = opener.current;
      opener.current = null;
      // The opener may be gone (a row that was unlinked): then the browser's default is all there is.
      if (back.isConnected) back.focus();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg overflow-y-auto overscroll-contain rounded-lg bg-white p-0 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <InDialogContext.Provider value={true}>
            <div className="mt-4">{children}</div>
          </InDialogContext.Provider>
        </div>
      ) : null}
    </dialog>
  );
}
