"use client";

import { useState } from "react";
import { saveCostCodeAction } from "@/app/(app)/contacts/actions";
import { Field, TextInput } from "@/components/forms/fields";
import { Card } from "@/components/ui/card";
import { FormFooter } from "./forms/form-footer";
import { useSave } from "./forms/use-save";

export function CostCodeForm({
  initial,
  returnTo,
  readOnly,
}: {
  initial: { id?: string; code: string; name: string };
  returnTo: string;
  readOnly?: boolean;
}) {
  const [value, setValue] = useState(initial);
  const save = useSave(saveCostCodeAction, () => returnTo);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.execute(value);
      }}
      className="space-y-6"
    >
      <Card title="Cost code details">
        <div className="grid gap-4 p-4 sm:grid-cols-3">
          <Field label="Code" htmlFor="code" error={save.errors.fields.code}>
            <TextInput
              id="code"
              value={value.code}
              disabled={readOnly}
              onChange={(e) => setValue({ ...value, code: e.target.value })}
              invalid={Boolean(save.errors.fields.code)}
            />
          </Field>
          <Field label="Name" htmlFor="name" error={save.errors.fields.name} className="sm:col-span-2">
            <TextInput
              id="name"
              value={value.name}
              disabled={readOnly}
              onChange={(e) => setValue({ ...value, name: e.target.value })}
              invalid={Boolean(save.errors.fields.name)}
            />
          </Field>
        </div>
      </Card>
      {readOnly ? null : <FormFooter errors={save.errors} pending={save.isPending} cancelHref={returnTo} />}
    </form>
  );
}
