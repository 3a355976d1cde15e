"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { saveSyncSettingsAction } from "@/app/(app)/settings/integrations/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { TextInput } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";

type Toggles = { syncOnApproval: boolean; accountingReviewsBeforeSync: boolean };

const OPTIONS: { key: keyof Toggles; label: string; hint: string }[] = [
  {
    key: "syncOnApproval",
    label: "Send items to Intacct when they are approved",
    hint: "Approval enqueues the sync; the outcome shows on the item and on the Accounting sync page.",
  },
  {
    key: "accountingReviewsBeforeSync",
    label: "Accounting reviews before sync",
    hint: "Approved items wait in Ready for accounting on the Accounting sync page: an accountant or an admin sends them or returns them to the project manager with a reason.",
  },
];

// Company sync settings on the Integration Hub: send items when they are approved and accounting's review (both off
// by default), and how often the accounting system is asked what became of synced documents (0 turns the scheduled
// check off). Each change is audit-logged.
export function SyncSettingsForm(initial: Toggles & { statusCheckMinutes: number }) {
  const [values, setValues] = useState<Toggles>({
    syncOnApproval: initial.syncOnApproval,
    accountingReviewsBeforeSync: initial.accountingReviewsBeforeSync,
  });
  const [minutes, setMinutes] = useState(String(initial.statusCheckMinutes));
  const save = useAction(saveSyncSettingsAction);
  const errors = readActionErrors(save.result);
  const minutesError = errors.fields.statusCheckMinutes?.[0];
  const parsed = /^\d{1,4}$/.test(minutes.trim()) ? Number(minutes.trim()) : Number.NaN;
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <form
      className="space-y-3 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (Number.isNaN(parsed) || parsed > 1440) {
          setTyped("Enter a whole number of minutes from 0 to 1440 (0 turns the scheduled check off).");
          return;
        }
        setTyped(null);
        save.execute({ ...values, statusCheckMinutes: parsed });
      }}
    >
      {OPTIONS.map((option) => (
        <label key={option.key} className="flex items-start gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={values[option.key]}
            onChange={(e) => {
              setValues({ ...values, [option.key]: e.target.checked });
              save.reset();
            }}
          />
          <span>
            {option.label}
            <span className="block text-xs text-slate-500">{option.hint}</span>
          </span>
        </label>
      ))}
      <div className="text-sm text-slate-800">
        <label htmlFor="status-check-minutes" className="flex flex-wrap items-center gap-2">
          Check Intacct every
          <span className="w-20">
            <TextInput
              id="status-check-minutes"
              inputMode="numeric"
              value={minutes}
              invalid={Boolean(typed ?? minutesError)}
              aria-describedby="status-check-minutes-help"
              onChange={(e) => {
                setMinutes(e.target.value);
                setTyped(null);
                save.reset();
              }}
            />
          </span>
          minutes
        </label>
        <span id="status-check-minutes-help" className="block text-xs text-slate-500">
          Reads what became of synced documents (approved, paid, changed or deleted in Intacct). 0 turns the scheduled
          check off; &quot;Check Intacct now&quot; still works.
        </span>
        {(typed ?? minutesError) ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {typed ?? minutesError}
          </p>
        ) : null}
      </div>
      {errors.message && !minutesError ? (
        <p role="alert" className="text-sm text-red-700">
          <ActionMessage message={errors} />
        </p>
      ) : null}
      {save.result.data ? (
        <p role="status" className="text-sm text-emerald-700">
          Company sync settings saved.
        </p>
      ) : null}
      <Button type="submit" size="sm" disabled={save.isPending}>
        Save
      </Button>
    </form>
  );
}
