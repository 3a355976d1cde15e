"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  connectIntacctAction,
  disconnectIntacctAction,
  saveIntacctSettingsAction,
  testIntacctAction,
} from "@/app/(app)/settings/integrations/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Field, Select, TextInput } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Alert, Card, DetailList } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format/dates";
import type { ConnectionFailure, ConnectionView, PickerOption, ProbeResult } from "@/lib/integrations/types";

type Credentials = {
  companyId: string;
  senderId: string;
  senderPassword: string;
  userId: string;
  userPassword: string;
};
type Banner = { kind: "success"; text: string } | { kind: "failure"; failure: ConnectionFailure } | null;

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

function Probes({ probes }: { probes: ProbeResult[] }) {
  if (!probes.length) return null;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="probes">
      {probes.map((p) => (
        <li key={p.id} className="flex gap-3 px-4 py-2">
          <span aria-hidden className={p.status === "pass" ? "text-emerald-600" : "text-amber-600"}>
            {p.status === "pass" ? "✓" : "!"}
          </span>
          <span>
            <span className="font-medium text-slate-900">{p.label}</span>
            <span className="sr-only">{p.status === "pass" ? " passed" : " warning"}</span> —{" "}
            <span className="text-slate-600">{p.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function IntacctPanel({
  view,
  endpoint,
  prerequisites,
}: {
  view: ConnectionView;
  endpoint: string;
  prerequisites: { title: string; detail: string }[];
}) {
  const router = useRouter();
  const connected = view.status === "CONNECTED" || view.status === "NEEDS_ATTENTION";
  const [formOpen, setFormOpen] = useState(false);
  const [banner, setBanner] = useState<Banner>(null);
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const [values, setValues] = useState<Credentials>({
    companyId: view.credentials.companyId ?? "",
    senderId: view.credentials.senderId ?? "",
    senderPassword: "",
    userId: view.credentials.userId ?? "",
    userPassword: "",
  });

  const onOutcome = (
    data: { ok: true; view: ConnectionView } | { ok: false; failure: ConnectionFailure } | undefined,
    successText: string,
  ) => {
    if (!data) return;
    if (data.ok) {
      setBanner({ kind: "success", text: successText });
      setFormOpen(false);
    } else {
      setBanner({ kind: "failure", failure: data.failure });
    }
    // Passwords leave the page after a check, unless it failed for a passing reason (Intacct busy or unreachable):
    // then the admin only has to click Save again, not retype them.
    if (data.ok || !data.failure.transient) setValues((v) => ({ ...v, senderPassword: "", userPassword: "" }));
    router.refresh();
  };
  const connect = useAction(connectIntacctAction, {
    onSuccess: ({ data }) => onOutcome(data, "The Sage Intacct integration was completed successfully."),
  });
  const test = useAction(testIntacctAction, {
    onSuccess: ({ data }) => onOutcome(data, "The connection to Sage Intacct works."),
  });
  const disconnect = useAction(disconnectIntacctAction, {
    onSuccess: () => {
      setConfirmDisconnect(false);
      setBanner({
        kind: "success",
        text: "Sage Intacct was disconnected. Your links and sync settings are kept for when you reconnect.",
      });
      router.refresh();
    },
  });
  const connectErrors = readActionErrors(connect.result);
  const otherError = [test, disconnect].map((a) => readActionErrors(a.result)).find((e) => e.message);
  const editing = connected || view.hasSecrets;

  return (
    <div className="space-y-6">
      {banner?.kind === "success" ? (
        <Alert tone="success" role="status">
          {banner.text}
        </Alert>
      ) : null}
      {banner?.kind === "failure" ? (
        <Alert tone="error">
          <p className="font-semibold">{banner.failure.title}</p>
          <p className="mt-1">{banner.failure.message}</p>
        </Alert>
      ) : null}
      <ActionAlert message={otherError} />

      {!connected && !formOpen ? (
        <Card title="Before you start">
          <ul className="space-y-3 p-4 text-sm" aria-label="Prerequisites">
            {prerequisites.map((p) => (
              <li key={p.title} className="flex gap-3">
                <span aria-hidden className="mt-0.5 text-indigo-600">
                  ☐
                </span>
                <span>
                  <span className="font-medium text-slate-900">{p.title}</span>
                  <span className="block text-slate-600">{p.detail}</span>
                </span>
              </li>
            ))}
          </ul>
          <div className="border-t border-slate-100 px-4 py-3">
            <Button
              onClick={() => {
                setBanner(null);
                setFormOpen(true);
              }}
            >
              Start Integration
            </Button>
          </div>
        </Card>
      ) : null}

      {connected ? (
        <Card
          title="Connection"
          actions={
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="secondary"
                onClick={() => {
                  setBanner(null);
                  setFormOpen(true);
                }}
                disabled={formOpen}
              >
                Edit credentials
              </Button>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => {
                  setBanner(null);
                  test.execute({});
                }}
                disabled={test.isPending}
              >
                {test.isPending ? "Testing…" : "Test connection"}
              </Button>
              <Button size="sm" variant="danger" onClick={() => setConfirmDisconnect(true)}>
                Disconnect
              </Button>
            </div>
          }
        >
          <DetailList
            items={[
              { label: "Endpoint", value: <span className="break-all">{endpoint}</span> },
              { label: "Company ID", value: view.credentials.companyId },
              { label: "Sender ID", value: view.credentials.senderId },
              { label: "User ID", value: view.credentials.userId },
              { label: "Sender Password", value: "••••••••" },
              { label: "User Password", value: "••••••••" },
              { label: "Last check", value: formatDateTime(view.lastCheckedAt) },
              { label: "Last successful check", value: formatDateTime(view.lastSuccessAt) },
            ]}
          />
          {view.status === "NEEDS_ATTENTION" && view.lastError ? (
            <div className="px-4 pb-4">
              <Alert tone="warning">{view.lastError}</Alert>
            </div>
          ) : null}
          {confirmDisconnect ? (
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 bg-red-50 px-4 py-3 text-sm text-red-900">
              <span>
                Disconnect Sage Intacct? The credentials are deleted; links to Intacct records and sync settings are
                kept.
              </span>
              <span className="flex gap-2">
                <Button size="sm" variant="ghost" onClick={() => setConfirmDisconnect(false)}>
                  Cancel
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  onClick={() => disconnect.execute({})}
                  disabled={disconnect.isPending}
                >
                  Yes, disconnect
                </Button>
              </span>
            </div>
          ) : null}
          <Probes probes={view.probes} />
        </Card>
      ) : null}

      {formOpen ? (
        <Card title={editing ? "Edit Sage Intacct credentials" : "Start Integration"}>
          <form
            noValidate
            className="space-y-4 p-4"
            onSubmit={(e) => {
              e.preventDefault();
              setBanner(null);
              connect.execute(values);
            }}
          >
            <p className="text-sm text-slate-600">
              Enter the Web Services credentials from your Sage Intacct company. They are checked live before anything
              is saved.
            </p>
            <div className="grid gap-4 sm:grid-cols-2">
              {CREDENTIAL_FIELDS.map((field) => (
                <Field
                  key={field.key}
                  label={field.label}
                  htmlFor={field.key}
                  error={connectErrors.fields[field.key]}
                  hint={field.secret && view.hasSecrets ? "Leave blank to keep the saved password" : undefined}
                >
                  <TextInput
                    id={field.key}
                    name={field.key}
                    type={field.secret ? "password" : "text"}
                    autoComplete={field.autoComplete}
                    placeholder={field.secret && view.hasSecrets ? "••••••••" : undefined}
                    value={values[field.key]}
                    onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
                    invalid={
                      Boolean(connectErrors.fields[field.key]) ||
                      (banner?.kind === "failure" && banner.failure.field === field.key)
                    }
                  />
                </Field>
              ))}
            </div>
            <ActionAlert message={connectErrors} retry="save again" />
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
              <Button variant="secondary" onClick={() => setFormOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={connect.isPending}>
                {connect.isPending ? "Checking…" : "Save"}
              </Button>
            </div>
          </form>
        </Card>
      ) : null}

      {connected && !view.settings.defaultItemId ? (
        <Alert tone="warning">
          One more step before contracts, contract changes and invoices can sync: choose the{" "}
          <a href="#defaultItemId" className="font-semibold underline">
            Default item for PO and invoice lines
          </a>{" "}
          under Sync settings below. Sage Intacct requires an item on every purchasing line. Budgets and budget changes
          sync without it.
        </Alert>
      ) : null}
      {connected ? <SyncSettings view={view} /> : null}
    </div>
  );
}

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

function SyncSettings({ view }: { view: ConnectionView }) {
  const router = useRouter();
  const [values, setValues] = useState({
    purchaseOrderDefinition: view.settings.purchaseOrderDefinition ?? "",
    changeOrderDefinition: view.settings.changeOrderDefinition ?? "",
    vendorInvoiceDefinition: view.settings.vendorInvoiceDefinition ?? "",
    defaultItemId: view.settings.defaultItemId ?? "",
    defaultCostTypeId: view.settings.defaultCostTypeId ?? "",
  });
  const [saved, setSaved] = useState(false);
  const save = useAction(saveIntacctSettingsAction, {
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const errors = readActionErrors(save.result);
  const set = (patch: Partial<typeof values>) => {
    setSaved(false);
    setValues({ ...values, ...patch });
  };
  const definitions = view.options.transactionDefinitions;
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
          <Picker
            id="purchaseOrderDefinition"
            label="Contracts sync as"
            value={values.purchaseOrderDefinition}
            options={definitions}
            onChange={(v) => set({ purchaseOrderDefinition: v })}
            error={errors.fields.purchaseOrderDefinition}
          />
          <Picker
            id="changeOrderDefinition"
            label="Contract changes sync as"
            value={values.changeOrderDefinition}
            options={definitions}
            onChange={(v) => set({ changeOrderDefinition: v })}
            error={errors.fields.changeOrderDefinition}
          />
          <Picker
            id="vendorInvoiceDefinition"
            label="Invoices sync as"
            value={values.vendorInvoiceDefinition}
            options={definitions}
            onChange={(v) => set({ vendorInvoiceDefinition: v })}
            error={errors.fields.vendorInvoiceDefinition}
          />
          <Picker
            id="defaultItemId"
            label="Default item for PO and invoice lines"
            value={values.defaultItemId}
            options={view.options.items}
            onChange={(v) => set({ defaultItemId: v })}
            error={errors.fields.defaultItemId}
            hint="Intacct requires an item on every line"
          />
          <Picker
            id="defaultCostTypeId"
            label="Default cost type"
            value={values.defaultCostTypeId}
            options={view.options.costTypes}
            onChange={(v) => set({ defaultCostTypeId: v })}
            error={errors.fields.defaultCostTypeId}
            optional
          />
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
