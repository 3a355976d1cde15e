"use client";

import { useAction } from "next-safe-action/hooks";
import { useEffect, useState } from "react";
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

/**
 * Every required field left empty, named at once (not one after another as the server's checks run). A blank
 * password is only missing on a first connect: with a saved connection it means "keep the saved one".
 */
export function findMissingCredentials(values: Credentials, hasSavedSecrets: boolean): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  for (const field of CREDENTIAL_FIELDS) {
    if (field.secret && hasSavedSecrets) continue;
    // Ids are trimmed by the server; passwords are not (a space could be real), but one of only spaces is empty.
    if (values[field.key].trim() === "") missing[field.key] = [`${field.label} is required`];
  }
  return missing;
}

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
  // Fields found empty on Save; a field leaves the list as soon as something is typed into it.
  const [missing, setMissing] = useState<Record<string, string[]>>({});
  // Opened from Start Integration or Edit credentials, whose button may go away: the keyboard lands in the form.
  useEffect(() => document.getElementById(CREDENTIAL_FIELDS[0]!.key)?.focus(), []);
  const serverErrors = readActionErrors(connect.result);
  const errors = { ...serverErrors, fields: { ...serverErrors.fields, ...missing } };
  const editing = view.status === "CONNECTED" || view.status === "NEEDS_ATTENTION" || view.hasSecrets;
  return (
    <Card title={editing ? "Edit Sage Intacct credentials" : "Start Integration"}>
      <form
        noValidate
        className="space-y-4 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          const empty = findMissingCredentials(values, view.hasSecrets);
          setMissing(empty);
          if (Object.keys(empty).length > 0) {
            connect.reset();
            // Straight to the first field to fill, as a screen reader user would need.
            document.getElementById(Object.keys(empty)[0] ?? "")?.focus();
            return;
          }
          onSubmit();
          // The browser's zone becomes the company's time zone if none is set yet.
          connect.execute({ ...values, browserTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
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
                aria-required={field.secret && view.hasSecrets ? undefined : true}
                onChange={(e) => {
                  if (missing[field.key]) setMissing(({ [field.key]: _, ...rest }) => rest);
                  onChange({ ...values, [field.key]: e.target.value });
                }}
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
