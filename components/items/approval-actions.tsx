"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { approveItemAction, rejectItemAction, submitItemAction } from "@/app/(app)/projects/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Field, TextArea } from "@/components/forms/fields";
import { Button, ButtonLink } from "@/components/ui/button";
import type { ItemStatus, ItemType } from "@/lib/generated/prisma/enums";

/** `submittedAt`: the submission shown on this page (ISO); approve and reject apply to it and no newer one. */
type Props = {
  itemType: ItemType;
  id: string;
  status: ItemStatus;
  submittedAt: string | null;
  canEdit: boolean;
  canDecide: boolean;
  editHref: string;
};

// The workflow buttons of an item's action area. The server decides what is allowed; these only hide what
// cannot apply and show the server's message when a click is refused.
export function ApprovalActions({ itemType, id, status, submittedAt, canEdit, canDecide, editHref }: Props) {
  const router = useRouter();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const onSuccess = () => {
    setRejecting(false);
    router.refresh();
  };
  const submit = useAction(submitItemAction, { onSuccess });
  const approve = useAction(approveItemAction, { onSuccess });
  const reject = useAction(rejectItemAction, { onSuccess });
  const pending = submit.isPending || approve.isPending || reject.isPending;
  const error = [submit, approve, reject].map((a) => readActionErrors(a.result)).find((e) => e.message);
  const editable = status === "DRAFT" || status === "REJECTED";

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {canEdit && editable ? (
          <ButtonLink variant="secondary" href={editHref}>
            Edit
          </ButtonLink>
        ) : null}
        {canEdit && editable ? (
          <Button disabled={pending} onClick={() => submit.execute({ itemType, id })}>
            Submit for approval
          </Button>
        ) : null}
        {canDecide && status === "PENDING_APPROVAL" ? (
          <>
            <Button variant="danger" disabled={pending} onClick={() => setRejecting(true)}>
              Reject
            </Button>
            <Button
              disabled={pending}
              onClick={() => approve.execute({ itemType, id, seenSubmittedAt: submittedAt ?? undefined })}
            >
              Approve
            </Button>
          </>
        ) : null}
        {!canDecide && status === "PENDING_APPROVAL" ? (
          <p className="text-sm text-slate-500">Waiting for approval by another project manager or an admin.</p>
        ) : null}
      </div>
      {rejecting ? (
        <form
          className="w-80 space-y-2 rounded-md bg-white p-3 text-left shadow ring-1 ring-slate-200"
          onSubmit={(e) => {
            e.preventDefault();
            reject.execute({ itemType, id, reason, seenSubmittedAt: submittedAt ?? undefined });
          }}
        >
          <Field
            label="Reason for rejection"
            htmlFor="reject-reason"
            error={readActionErrors(reject.result).fields.reason}
          >
            <TextArea id="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" size="sm" disabled={pending}>
              Reject
            </Button>
          </div>
        </form>
      ) : null}
      {error?.message ? (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          <ActionMessage message={error} />
        </p>
      ) : null}
    </div>
  );
}
