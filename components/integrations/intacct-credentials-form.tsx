"use client";

import { useAction } from "next-safe-action/hooks";
import { connectIntacctAction } from "@/app/(app)/settings/integrations/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Field, TextInput } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ConnectionFailure, ConnectionView } from "@/lib/integrations/types";

export type Credentials = {
  companyId: string;
  senderId: string;
  senderPassword: string;
  userId: string;
  userPassword: string;
};

/** What a connect or a test answers: the connection now, or why the check failed. */
export type ConnectionOutcome = { ok: true; view: ConnectionView } | { ok: false; failure: ConnectionFailure };

const CREDENTIAL_FIELDS: { key: keyof Credentials; label: string; secret?: boolean; autoComplete: string }[] = [
  { key: "companyId", label: "Company ID", autoComplete: "organization" },
  { key: "senderId", label: "Sender ID", autoComplete: "off" },
  { key: "senderPassword", label: "Sender Password", secret: true, autoComplete: "new-password" },
  { key: "userId", label: "User ID", autoComplete: "off" },
  { key: "userPassword", label: "User Password", secret: true, autoComplete: "new-password" },
];

const CHECK_STEPS = [
  "Signing in with your Web Services credentials",
  "Reading vendors, projects, entities and GL accounts",
  "Reading the standard cost code catalog",
  "Looking up transaction definitions, items and cost types",
];

/**
 * The Web Services credentials, checked live with Intacct on Save (nothing is stored unless the check passes). The
 * panel holds the values, so they outlive closing the form and a failed check can clear the passwords.
 */
export function CredentialsForm({
  view,
  values,
  onChange,
  failedField,
  onSubmit,
  onOutcome,
  onCancel,
}: {
  view: ConnectionView;
  values: Credentials;
  onChange: (values: Credentials) => void;
  /** The credential the last failed check blames, if any. */
  failedField: string | undefined;
  onSubmit: () => void;
  onOutcome: (outcome: ConnectionOutcome | undefined) => void;
  onCancel: () => void;
}) {
  const connect = useAction(connectIntacctAction, { onSuccess: ({ data }) => onOutcome(data) });
  const errors = readActionErrors(connect.result);
  const editing = view.status === "CONNECTED" || view.status === "NEEDS_ATTENTION" || view.hasSecrets;
  return (
    <Card title={editing ? "Edit Sage Intacct credentials" : "Start Integration"}>
      <form
        noValidate
        className="space-y-4 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
          connect.execute(values);
        }}
      >
        <p className="text-sm text-slate-600">
          Enter the Web Services credentials from your Sage Intacct company. They are checked live before anything is
          saved.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          {CREDENTIAL_FIELDS.map((field) => (
            <Field
              key={field.key}
              label={field.label}
              htmlFor={field.key}
              error={errors.fields[field.key]}
              hint={field.secret && view.hasSecrets ? "Leave blank to keep the saved password" : undefined}
            >
              <TextInput
                id={field.key}
                name={field.key}
                type={field.secret ? "password" : "text"}
                autoComplete={field.autoComplete}
                placeholder={field.secret && view.hasSecrets ? "••••••••" : undefined}
                value={values[field.key]}
                onChange={(e) => onChange({ ...values, [field.key]: e.target.value })}
                invalid={Boolean(errors.fields[field.key]) || failedField === field.key}
              />
            </Field>
          ))}
        </div>
        <ActionAlert message={errors} retry="save again" />
        {connect.isPending ? (
          <div
            role="status"
            aria-live="polite"
            className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200"
          >
            <p className="font-medium">Checking with Sage Intacct…</p>
            <ol className="mt-2 list-inside list-disc space-y-0.5 text-slate-600">
              {CHECK_STEPS.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </div>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={connect.isPending}>
            {connect.isPending ? "Checking…" : "Save"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
