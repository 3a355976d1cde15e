"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import type { ConnectionView } from "@/lib/integrations/types";
import { ConnectionCard } from "./intacct-connection-card";
import { type ConnectionOutcome, type Credentials, CredentialsForm } from "./intacct-credentials-form";
import { type Banner, ResultBanner } from "./intacct-result-banner";
import { SyncSettings } from "./intacct-sync-settings";

/**
 * The Sage Intacct page: before connecting, what the admin needs and Start Integration; once connected, the
 * connection card and the sync settings; the credentials form on demand; and the outcome of the last check on top.
 */
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
  const [values, setValues] = useState<Credentials>({
    companyId: view.credentials.companyId ?? "",
    senderId: view.credentials.senderId ?? "",
    senderPassword: "",
    userId: view.credentials.userId ?? "",
    userPassword: "",
  });

  const openForm = () => {
    setBanner(null);
    setFormOpen(true);
  };
  const onOutcome = (outcome: ConnectionOutcome | undefined, successText: string) => {
    if (!outcome) return;
    if (outcome.ok) {
      setBanner({ kind: "success", text: successText });
      setFormOpen(false);
    } else {
      setBanner({ kind: "failure", failure: outcome.failure });
    }
    // Passwords leave the page after a check, unless it failed for a passing reason (Intacct busy or unreachable):
    // then the admin only has to click Save again, not retype them.
    if (outcome.ok || !outcome.failure.transient) setValues((v) => ({ ...v, senderPassword: "", userPassword: "" }));
    router.refresh();
  };

  return (
    <div className="space-y-6">
      <ResultBanner banner={banner} />

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
            <Button onClick={openForm}>Start Integration</Button>
          </div>
        </Card>
      ) : null}

      {connected ? (
        <ConnectionCard
          view={view}
          endpoint={endpoint}
          editing={formOpen}
          onEdit={openForm}
          onTestStart={() => setBanner(null)}
          onTestOutcome={(outcome) => onOutcome(outcome, "The connection to Sage Intacct works.")}
          onDisconnected={() => {
            setBanner({
              kind: "success",
              text: "Sage Intacct was disconnected. Your links and sync settings are kept for when you reconnect.",
            });
            router.refresh();
          }}
        />
      ) : null}

      {formOpen ? (
        <CredentialsForm
          view={view}
          values={values}
          onChange={setValues}
          failedField={banner?.kind === "failure" ? banner.failure.field : undefined}
          onSubmit={() => setBanner(null)}
          onOutcome={(outcome) => onOutcome(outcome, "The Sage Intacct integration was completed successfully.")}
          onCancel={() => setFormOpen(false)}
        />
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
