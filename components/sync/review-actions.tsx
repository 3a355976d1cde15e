"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { returnToProjectManagerAction } from "@/app/(app)/accounting-sync/actions";
import { resubmitToAccountingAction } from "@/app/(app)/projects/sync-actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Field, TextArea } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import type { ItemType } from "@/lib/generated/prisma/enums";

type ItemRef = { itemType: ItemType; itemId: string; label: string };

// A button that opens a small form with one text area: return (reason required) and resubmit (note optional).
function ButtonWithNote({
  open,
  setOpen,
  button,
  fieldLabel,
  submitLabel,
  fieldId,
  pending,
  error,
  onSubmit,
}: {
  open: boolean;
  setOpen: (open: boolean) => void;
  button: string;
  fieldLabel: string;
  submitLabel: string;
  fieldId: string;
  pending: boolean;
  error: ReturnType<typeof readActionErrors>;
  onSubmit: (text: string) => void;
}) {
  const [text, setText] = useState("");
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" size="sm" disabled={pending} onClick={() => setOpen(true)}>
        {button}
      </Button>
      {open ? (
        <form
          className="w-80 space-y-2 rounded-md bg-white p-3 text-left shadow ring-1 ring-slate-200"
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit(text);
          }}
        >
          <Field label={fieldLabel} htmlFor={fieldId} error={error.fields.reason ?? error.fields.note}>
            <TextArea id={fieldId} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={pending}>
              {submitLabel}
            </Button>
          </div>
        </form>
      ) : null}
      {error.message ? (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          <ActionMessage message={error} />
        </p>
      ) : null}
    </div>
  );
}

/** Return to project manager (accountants and admins): the item leaves Ready for accounting with a reason. */
export function ReturnToProjectManager({ itemType, itemId, label }: ItemRef) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const action = useAction(returnToProjectManagerAction, {
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <ButtonWithNote
      open={open}
      setOpen={setOpen}
      button="Return to project manager"
      fieldLabel={`Why ${label} goes back`}
      submitLabel="Return"
      fieldId={`return-reason-${itemId}`}
      pending={action.isPending}
      error={readActionErrors(action.result)}
      onSubmit={(reason) => action.execute({ itemType, itemId, reason })}
    />
  );
}

/** Resubmit to accounting (project managers and admins): a returned item goes back to Ready for accounting. */
export function ResubmitToAccounting({ itemType, itemId, label }: ItemRef) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const action = useAction(resubmitToAccountingAction, {
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <ButtonWithNote
      open={open}
      setOpen={setOpen}
      button="Resubmit to accounting"
      fieldLabel={`What changed in ${label} (optional)`}
      submitLabel="Resubmit"
      fieldId={`resubmit-note-${itemId}`}
      pending={action.isPending}
      error={readActionErrors(action.result)}
      onSubmit={(note) => action.execute({ itemType, id: itemId, note })}
    />
  );
}
