"use client";

import { useState } from "react";
import { linkCostCodeAction } from "@/app/(app)/lists/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { formatReference, type PickedReference, ReferencePicker } from "./reference-picker";

export const WITHOUT_CODE_HINT = "Not linked: lines with this cost code sync to Intacct without a cost code.";

/** The Connected Accounting Cost Code of one cost code: the catalog page and the Budget/ACR ••• dialog both use it. */
export function CostCodeLinkEditor({
  costCodeId,
  code,
  initial,
  suggestion,
  readOnly,
  onSaved,
  onCancel,
}: {
  costCodeId: string;
  code: string;
  initial: PickedReference | null;
  suggestion?: PickedReference | null;
  readOnly: boolean;
  onSaved?: (value: PickedReference | null) => void;
  onCancel?: () => void;
}) {
  const [value, setValue] = useState<PickedReference | null>(initial);
  const [error, setError] = useState<ActionError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const save = async () => {
    setPending(true);
    setSaved(null);
    const result = await linkCostCodeAction({ costCodeId, intacctStandardTaskId: value?.externalId ?? null });
    setPending(false);
    const refused = readServerError(result);
    if (refused) return setError(refused);
    if (result?.validationErrors) return setError({ message: "Choose a cost code from Intacct's standard catalog." });
    setError(null);
    const next = result?.data?.standardTask ?? null;
    setSaved(
      next
        ? `${code} is connected to ${formatReference(next)}.`
        : `${code} is no longer connected; its lines will sync without a cost code.`,
    );
    onSaved?.(next);
  };

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ReferencePicker
        id={`connected-code-${costCodeId}`}
        label="Connected Accounting Cost Code"
        type="STANDARD_TASK"
        value={value}
        disabled={readOnly}
        onChange={(v) => {
          setSaved(null);
          setValue(v);
        }}
        hint={value ? "From Intacct's standard cost code catalog." : WITHOUT_CODE_HINT}
      />
      {!value && suggestion && !readOnly ? (
        <p className="text-sm text-slate-600">
          Suggested: <span className="font-medium">{formatReference(suggestion)}</span>{" "}
          <button
            type="button"
            className="font-medium text-indigo-700 hover:underline"
            onClick={() => setValue(suggestion)}
          >
            Use suggestion
          </button>
        </p>
      ) : null}
      <ActionAlert message={error} retry="save again" />
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {readOnly ? null : (
        <div className="flex justify-end gap-2">
          {onCancel ? (
            <Button variant="secondary" onClick={onCancel}>
              {saved ? "Close" : "Cancel"}
            </Button>
          ) : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
        </div>
      )}
    </form>
  );
}
