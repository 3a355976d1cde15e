"use client";

import { saveAccountingCompanyAction } from "@/app/(app)/contacts/actions";
import { Card } from "@/components/ui/card";
import { FormFooter } from "./forms/form-footer";
import { TextField } from "./forms/form-fields";
import { useSaveForm } from "./forms/use-save-form";

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
  const { id, ...values } = initial;
  const form = useSaveForm({
    values,
    action: saveAccountingCompanyAction,
    toInput: (company) => ({ id, ...company }),
    savedHref: () => "/contacts/accounting-companies",
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-6">
      <Card title="Accounting company">
        <div className="grid gap-4 p-4 sm:grid-cols-4">
          {FIELDS.map((field) => (
            <TextField key={field.key} form={form} name={field.key} label={field.label} className={field.span} />
          ))}
        </div>
      </Card>
      <FormFooter errors={form.errors} pending={form.pending} cancelHref="/contacts/accounting-companies" />
    </form>
  );
}
