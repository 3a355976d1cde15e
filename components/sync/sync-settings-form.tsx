"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { saveSyncSettingsAction } from "@/app/(app)/settings/integrations/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";

// Company sync settings on the Integration Hub: send items when they are approved (off by default).
export function SyncSettingsForm({ syncOnApproval }: { syncOnApproval: boolean }) {
  const [value, setValue] = useState(syncOnApproval);
  const save = useAction(saveSyncSettingsAction);
  const errors = readActionErrors(save.result);
  return (
    <form
      className="space-y-3 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.execute({ syncOnApproval: value });
      }}
    >
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={value}
          onChange={(e) => {
            setValue(e.target.checked);
            save.reset();
          }}
        />
        <span>
          Send items to Intacct when they are approved
          <span className="block text-xs text-slate-500">
            Approval enqueues the sync; the outcome shows on the item and on the Accounting sync page.
          </span>
        </span>
      </label>
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
