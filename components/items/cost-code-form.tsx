"use client";

import { saveCostCodeAction } from "@/app/(app)/contacts/actions";
import { Card } from "@/components/ui/card";
import { FormFooter } from "./forms/form-footer";
import { TextField } from "./forms/form-fields";
import { useSaveForm } from "./forms/use-save-form";

export function CostCodeForm({
  initial,
  returnTo,
  readOnly,
}: {
  initial: { id?: string; code: string; name: string };
  returnTo: string;
  readOnly?: boolean;
}) {
  const { id, ...values } = initial;
  const form = useSaveForm({
    values,
    action: saveCostCodeAction,
    toInput: (costCode) => ({ id, ...costCode }),
    savedHref: () => returnTo,
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-6">
      <Card title="Cost code details">
        <div className="grid gap-4 p-4 sm:grid-cols-3">
          <TextField form={form} name="code" label="Code" disabled={readOnly} />
          <TextField form={form} name="name" label="Name" className="sm:col-span-2" disabled={readOnly} />
        </div>
      </Card>
      {readOnly ? null : <FormFooter errors={form.errors} pending={form.pending} cancelHref={returnTo} />}
    </form>
  );
}
