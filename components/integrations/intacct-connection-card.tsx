"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { disconnectIntacctAction, testIntacctAction } from "@/app/(app)/settings/integrations/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import { Alert, Card, DetailList } from "@/components/ui/card";
import { DateTime } from "@/components/ui/time-zone";
import type { ConnectionView, ProbeResult } from "@/lib/integrations/types";
import type { ConnectionOutcome } from "./intacct-credentials-form";

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

/**
 * A connected company's Intacct connection: the ids (never a password), the last checks and what they probed, and
 * Edit credentials, Test connection and Disconnect (after a confirmation). A refused test or disconnect shows above.
 */
export function ConnectionCard({
  view,
  endpoint,
  editing,
  onEdit,
  onTestStart,
  onTestOutcome,
  onDisconnected,
}: {
  view: ConnectionView;
  endpoint: string;
  /** The credentials form is open. */
  editing: boolean;
  onEdit: () => void;
  onTestStart: () => void;
  onTestOutcome: (outcome: ConnectionOutcome | undefined) => void;
  onDisconnected: () => void;
}) {
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const test = useAction(testIntacctAction, { onSuccess: ({ data }) => onTestOutcome(data) });
  const disconnect = useAction(disconnectIntacctAction, {
    onSuccess: () => {
      setConfirmDisconnect(false);
      onDisconnected();
    },
  });
  const refused = [test, disconnect].map((a) => readActionErrors(a.result)).find((e) => e.message);
  return (
    <>
      <ActionAlert message={refused} />
      <Card
        title="Connection"
        actions={
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={onEdit} disabled={editing}>
              Edit credentials
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                onTestStart();
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
            { label: "Last check", value: <DateTime value={view.lastCheckedAt} /> },
            { label: "Last successful check", value: <DateTime value={view.lastSuccessAt} /> },
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
              Disconnect Sage Intacct? The credentials are deleted; links to Intacct records and sync settings are kept.
            </span>
            <span className="flex gap-2">
              <Button size="sm" variant="ghost" onClick={() => setConfirmDisconnect(false)}>
                Cancel
              </Button>
              <Button size="sm" variant="danger" onClick={() => disconnect.execute({})} disabled={disconnect.isPending}>
                Yes, disconnect
              </Button>
            </span>
          </div>
        ) : null}
        <Probes probes={view.probes} />
      </Card>
    </>
  );
}
