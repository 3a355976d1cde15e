import Link from "next/link";
import { AddProjectTasks } from "@/components/links/add-project-tasks";
import { CheckNowButton } from "@/components/sync/check-now-button";
import { RemoteStatusCard } from "@/components/sync/remote-status";
import { SendAgainButton } from "@/components/sync/send-again-button";
import { SyncedNote } from "@/components/sync/synced-note";
import { Alert, Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { DateTime } from "@/components/ui/time-zone";
import { formatCents } from "@/lib/format/money";
import { SYNC_STATE_LABELS } from "@/lib/sync/types";
import type { SyncView } from "@/lib/sync/view";

const OUTCOMES: Record<string, { label: string; style: string }> = {
  synced: { label: "Synced", style: "text-emerald-700" },
  adopted: { label: "Synced (found in Intacct)", style: "text-emerald-700" },
  failed: { label: "Failed", style: "text-red-700" },
  unknown: { label: "Unconfirmed", style: "text-amber-700" },
  running: { label: "Running", style: "text-slate-600" },
};

export function SyncBadge({ view }: { view: SyncView }) {
  const { status } = view;
  if (!status || status.state === "NOT_SYNCED") return null;
  const styles = {
    SYNCED: "bg-sky-50 text-sky-800 ring-sky-300",
    SYNCING: "bg-slate-100 text-slate-700 ring-slate-300",
    FAILED: "bg-red-50 text-red-800 ring-red-300",
    UNKNOWN: "bg-amber-50 text-amber-800 ring-amber-300",
  }[status.state];
  const text =
    status.state === "SYNCED"
      ? `Synced · ${status.documentLabel}${status.intacctState ? ` · ${status.intacctState}` : ""}`
      : SYNC_STATE_LABELS[status.state];
  return (
    <span
      data-testid="sync-badge"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles}`}
    >
      {text}
    </span>
  );
}

// Status notes, the preflight (what will be created, with per-line warnings) and the history of attempts.
export function SyncSection({ view }: { view: SyncView }) {
  const { status, eligibility, attempts } = view;
  const synced = status?.state === "SYNCED";
  const plan = eligibility.plan;
  // The accounting cost codes the project lacks for this item's lines: offered as one fix ("Add N tasks…").
  const missingTasks = [
    ...new Set(plan?.lines.flatMap((l) => (l.missingProjectCostCode ? [l.missingProjectCostCode] : [])) ?? []),
  ];
  return (
    <div className="space-y-6" data-testid="sync-section">
      {synced && status ? (
        <SyncedNote
          status={status}
          providerName={view.providerName}
          deleted={view.remote.deleted}
          isAdmin={view.isAdmin}
        />
      ) : null}
      {synced && status ? (
        <RemoteStatusCard
          providerName={view.providerName}
          status={view.remote.status}
          checkedAt={view.remote.checkedAt}
          actions={
            <div className="flex items-start gap-3">
              {view.isAdmin && view.remote.deleted ? (
                <SendAgainButton
                  itemType={view.itemType}
                  id={view.itemId}
                  documentLabel={status.documentLabel}
                  providerName={view.providerName}
                />
              ) : null}
              {view.statusCheck ? (
                <CheckNowButton initial={view.statusCheck} providerName={view.providerName} canCheck={view.canCheck} />
              ) : null}
            </div>
          }
        />
      ) : null}
      {status && (status.state === "FAILED" || status.state === "UNKNOWN") && status.lastError ? (
        <Alert tone={status.state === "FAILED" ? "error" : "warning"}>{status.lastError}</Alert>
      ) : null}
      {!synced && !eligibility.eligible && eligibility.blockers.length ? (
        <Card title="Before this can sync to Sage Intacct">
          <ul className="space-y-2 p-4 text-sm" data-testid="sync-blockers">
            {eligibility.blockers.map((b) => (
              <li key={b.message} className="flex flex-wrap items-center gap-2">
                <span className="text-slate-800">{b.message}</span>
                {b.fixHref ? (
                  <Link href={b.fixHref} className="font-medium text-indigo-700 hover:underline">
                    {b.fixLabel ?? "Fix it"}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {!synced && plan && (eligibility.eligible || eligibility.blockers.every((b) => b.fixHref)) ? (
        <Card title="Preflight: what will be created in Sage Intacct">
          <dl className="grid grid-cols-2 gap-4 p-4 text-sm sm:grid-cols-4" data-testid="preflight">
            <div>
              <dt className="text-xs uppercase text-slate-500">Document</dt>
              <dd>
                {plan.documentType}
                {plan.definition !== "PJESTIMATE" && plan.definition !== plan.documentType
                  ? ` (${plan.definition})`
                  : ""}{" "}
                {plan.documentNo}
              </dd>
            </div>
            <div>
              <dt className="text-xs uppercase text-slate-500">Vendor</dt>
              <dd>
                {plan.vendor
                  ? `${plan.vendor.id} ${plan.vendor.name}`
                  : plan.itemType.startsWith("BUDGET")
                    ? "—"
                    : "Not linked"}
              </dd>
            </div>
            <div>
              <dt className="text-xs uppercase text-slate-500">Project</dt>
              <dd>{plan.project.id || "Not linked"}</dd>
            </div>
            <div>
              <dt className="text-xs uppercase text-slate-500">
                Entity{plan.glAccount !== null && plan.itemType.startsWith("BUDGET") ? " · GL account" : ""}
              </dt>
              <dd>
                {plan.entity ?? "—"}
                {plan.itemType.startsWith("BUDGET") ? ` · ${plan.glAccount ?? "—"}` : ""}
              </dd>
            </div>
          </dl>
          <Table>
            <thead>
              <tr>
                <Th>Line</Th>
                <Th>Task (cost code)</Th>
                <Th>Cost type</Th>
                <Th>{plan.itemType.startsWith("BUDGET") ? "GL account" : "Item"}</Th>
                <Th align="right">Amount</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {plan.lines.map((line) => (
                <tr key={line.lineId} data-testid="preflight-line">
                  <Td>
                    {line.description}
                    {line.warning ? (
                      <p className="mt-0.5 whitespace-normal text-xs text-amber-700">⚠ {line.warning}</p>
                    ) : null}
                  </Td>
                  <Td>{line.taskId ?? <span className="text-amber-700">None</span>}</Td>
                  <Td>{line.costTypeId ?? "—"}</Td>
                  <Td>{plan.itemType.startsWith("BUDGET") ? (line.accountNo ?? "—") : (line.itemId ?? "—")}</Td>
                  <Td align="right">{formatCents(line.amountCents)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {view.canSync && plan.project.id && plan.project.localId ? (
            <AddProjectTasks
              className="border-t border-slate-100 p-4"
              projectId={plan.project.localId}
              intacctProjectId={plan.project.id}
              standardTaskIds={missingTasks}
            />
          ) : null}
          {!view.canSync && missingTasks.length && plan.project.id ? (
            <p className="border-t border-slate-100 p-4 text-sm text-slate-600" data-testid="add-project-tasks-note">
              Intacct project {plan.project.id} lacks {missingTasks.length === 1 ? "the task" : "the tasks"}{" "}
              {missingTasks.join(", ")}: a project manager or admin can add {missingTasks.length === 1 ? "it" : "them"}{" "}
              from here.
            </p>
          ) : null}
          {!view.canSync ? (
            <p className="border-t border-slate-100 p-4 text-sm text-slate-600" data-testid="viewer-sync-note">
              Only project managers and admins can sync to Sage Intacct. This preview shows what a sync would create.
            </p>
          ) : null}
          {plan.warnings.length ? (
            <div className="border-t border-slate-100 p-4">
              <Alert tone="warning">
                <ul className="list-inside list-disc space-y-0.5" data-testid="preflight-warnings">
                  {plan.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </Alert>
            </div>
          ) : null}
        </Card>
      ) : null}
      {attempts.length ? (
        <Card title="Sync history">
          <ol className="divide-y divide-slate-100 text-sm" data-testid="sync-history">
            {attempts.map((a) => {
              const outcome = OUTCOMES[a.outcome] ?? { label: a.outcome, style: "text-slate-600" };
              const warnings = Array.isArray(a.warnings) ? (a.warnings as string[]) : [];
              return (
                <li key={a.id} className="px-4 py-2.5">
                  <span className={`font-medium ${outcome.style}`}>{outcome.label}</span> · {a.actorName} ·{" "}
                  <DateTime value={a.startedAt} />
                  {a.durationMs !== null ? ` · ${(a.durationMs / 1000).toFixed(1)} s` : ""}
                  {a.documentLabel ? ` · ${a.documentLabel}` : ""}
                  {a.errorMessage ? <p className="mt-0.5 text-red-700">{a.errorMessage}</p> : null}
                  {warnings.length ? (
                    <p className="mt-0.5 text-xs text-amber-700">
                      {warnings.length} {warnings.length === 1 ? "warning" : "warnings"}: {warnings.join(" ")}
                    </p>
                  ) : null}
                  {"requestXml" in a && (a.requestXml || a.responseXml) ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs font-medium text-indigo-700">
                        Request and response XML (redacted)
                      </summary>
                      <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-3 text-xs text-slate-100">
                        {a.requestXml}
                      </pre>
                      <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap rounded bg-slate-800 p-3 text-xs text-slate-100">
                        {a.responseXml}
                      </pre>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </Card>
      ) : null}
    </div>
  );
}

export function syncDisabledReason(view: SyncView): string | null {
  if (view.eligibility.eligible) return null;
  return view.eligibility.blockers[0]?.message ?? "This item cannot be synced yet.";
}
