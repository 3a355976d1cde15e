"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveIntacctSettingsAction } from "@/app/(app)/settings/integrations/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Field, Select } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import type { ConnectionView, PickerOption } from "@/lib/integrations/types";

function Picker({
  id,
  label,
  value,
  options,
  onChange,
  error,
  optional,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  options: PickerOption[];
  onChange: (v: string) => void;
  error?: string[];
  optional?: boolean;
  hint?: string;
}) {
  const known = options.some((o) => o.value === value);
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={Boolean(error)}>
        <option value="">{optional ? "None" : "Choose…"}</option>
        {!known && value ? <option value={value}>{value} (not found in Intacct)</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

type SettingKey =
  | "purchaseOrderDefinition"
  | "changeOrderDefinition"
  | "vendorInvoiceDefinition"
  | "defaultItemId"
  | "defaultCostTypeId";

const SETTINGS: {
  key: SettingKey;
  label: string;
  options: (view: ConnectionView) => PickerOption[];
  hint?: string;
  optional?: boolean;
}[] = [
  { key: "purchaseOrderDefinition", label: "Contracts sync as", options: (v) => v.options.transactionDefinitions },
  { key: "changeOrderDefinition", label: "Contract changes sync as", options: (v) => v.options.transactionDefinitions },
  { key: "vendorInvoiceDefinition", label: "Invoices sync as", options: (v) => v.options.transactionDefinitions },
  {
    key: "defaultItemId",
    label: "Default item for PO and invoice lines",
    options: (v) => v.options.items,
    hint: "Intacct requires an item on every line",
  },
  { key: "defaultCostTypeId", label: "Default cost type", options: (v) => v.options.costTypes, optional: true },
];

/** What syncs as which Intacct transaction definition, and the default item and cost type of its lines. */
export function SyncSettings({ view }: { view: ConnectionView }) {
  const router = useRouter();
  const [values, setValues] = useState(
    Object.fromEntries(SETTINGS.map(({ key }) => [key, view.settings[key] ?? ""])) as Record<SettingKey, string>,
  );
  const [saved, setSaved] = useState(false);
  const save = useAction(saveIntacctSettingsAction, {
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const errors = readActionErrors(save.result);
  return (
    <Card title="Sync settings">
      <form
        noValidate
        className="space-y-4 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.execute(values);
        }}
      >
        <p className="text-sm text-slate-600">
          Lists come from Sage Intacct at the last connection check; use Test connection to refresh them.
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          {SETTINGS.map((setting) => (
            <Picker
              key={setting.key}
              id={setting.key}
              label={setting.label}
              value={values[setting.key]}
              options={setting.options(view)}
              onChange={(value) => {
                setSaved(false);
                setValues({ ...values, [setting.key]: value });
              }}
              error={errors.fields[setting.key]}
              hint={setting.hint}
              optional={setting.optional}
            />
          ))}
        </div>
        <ActionAlert message={errors} retry="save again" />
        {saved ? (
          <Alert tone="success" role="status">
            Sync settings saved.
          </Alert>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
