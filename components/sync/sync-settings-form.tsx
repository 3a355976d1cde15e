"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { saveSyncSettingsAction } from "@/app/(app)/settings/integrations/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";

type Settings = { syncOnApproval: boolean; accountingReviewsBeforeSync: boolean };

const OPTIONS: { key: keyof Settings; label: string; hint: string }[] = [
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

// Company sync settings on the Integration Hub (both off by default; each change is audit-logged).
export function SyncSettingsForm(initial: Settings) {
  const [values, setValues] = useState<Settings>({
    syncOnApproval: initial.syncOnApproval,
    accountingReviewsBeforeSync: initial.accountingReviewsBeforeSync,
  });
  const save = useAction(saveSyncSettingsAction);
  const errors = readActionErrors(save.result);
  return (
    <form
      className="space-y-3 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.execute(values);
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
      {errors.message ? (
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
