"use client";

import { useState } from "react";
import { saveAccountingCompanyAction } from "@/app/(app)/contacts/actions";
import { Field, TextInput } from "@/components/forms/fields";
import { Card } from "@/components/ui/card";
import { FormFooter } from "./forms/form-footer";
import { useSave } from "./forms/use-save";

type Value = {
  id?: string;
  name: string;
  taxId: string;
  address: string;
  city: string;
  state: string;
  postalCode: string;
  email: string;
  phone: string;
};

const FIELDS: { key: Exclude<keyof Value, "id">; label: string; span?: string }[] = [
  { key: "name", label: "Name", span: "sm:col-span-2" },
  { key: "taxId", label: "Tax ID" },
  { key: "email", label: "Email" },
  { key: "address", label: "Address", span: "sm:col-span-2" },
  { key: "city", label: "City" },
  { key: "state", label: "State" },
  { key: "postalCode", label: "Postal code" },
  { key: "phone", label: "Phone" },
];

export function AccountingCompanyForm({ initial }: { initial: Value }) {
  const [value, setValue] = useState(initial);
  const save = useSave(saveAccountingCompanyAction, () => "/contacts/accounting-companies");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.execute(value);
      }}
      className="space-y-6"
    >
      <Card title="Accounting company">
        <div className="grid gap-4 p-4 sm:grid-cols-4">
          {FIELDS.map((field) => (
            <Field
              key={field.key}
              label={field.label}
              htmlFor={field.key}
              error={save.errors.fields[field.key]}
              className={field.span}
            >
              <TextInput
                id={field.key}
                value={value[field.key]}
                onChange={(e) => setValue({ ...value, [field.key]: e.target.value })}
                invalid={Boolean(save.errors.fields[field.key])}
              />
            </Field>
          ))}
        </div>
      </Card>
      <FormFooter errors={save.errors} pending={save.isPending} cancelHref="/contacts/accounting-companies" />
    </form>
  );
}
