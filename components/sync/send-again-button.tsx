"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendAgainAsNewDocumentAction } from "@/app/(app)/projects/sync-actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Dialog } from "@/components/links/dialog";
import { Button } from "@/components/ui/button";
import type { ItemType } from "@/lib/generated/prisma/enums";

/**
 * "Send again as a new document" (admins), offered only when the accounting system reports the document deleted.
 * The dialog says what happens before anything does: a new document is created there, the deleted one stays deleted,
 * and the old document's control ids are never used again (so nothing can revive or duplicate it).
 */
export function SendAgainButton({
  itemType,
  id,
  documentLabel,
  providerName,
}: {
  itemType: ItemType;
  id: string;
  documentLabel: string;
  providerName: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const send = useAction(sendAgainAsNewDocumentAction, {
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const errors = readActionErrors(send.result);
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => setOpen(true)}>
        Send again as a new document
      </Button>
      <Dialog open={open} title="Send again as a new document?" onClose={() => setOpen(false)}>
        <div className="space-y-3 text-sm text-slate-700">
          <p>
            {documentLabel} was deleted in {providerName}. Sending again creates a <strong>new</strong> document there
            from this item as it is now, with a new reference; the deleted one stays deleted.
          </p>
          <p>
            The sync is queued and this page follows it. If the document was deleted by mistake and someone restores it
            in {providerName}, there will be two: ask your accountant first when in doubt.
          </p>
          {errors.message ? (
            <p role="alert" className="text-red-700">
              <ActionMessage message={errors} />
            </p>
          ) : null}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={send.isPending}>
              Cancel
            </Button>
            <Button onClick={() => send.execute({ itemType, id })} disabled={send.isPending}>
              {send.isPending ? "Sending…" : "Send as a new document"}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
