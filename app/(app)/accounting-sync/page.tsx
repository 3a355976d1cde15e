import Link from "next/link";
import { Select, TextInput } from "@/components/forms/fields";
import { CandidateTable } from "@/components/sync/candidate-table";
import { CheckNowButton } from "@/components/sync/check-now-button";
import { RunProgress } from "@/components/sync/run-progress";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PAGE_SIZE, Pagination, readPage } from "@/components/ui/pagination";
import { readQuery } from "@/components/ui/search-form";
import { requireUser } from "@/lib/auth/current-user";
import { CAN_REVIEW, CAN_SYNC, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { formatDateTime, formatDayOf } from "@/lib/format/dates";
import { formatCents } from "@/lib/format/money";
import type { ItemType } from "@/lib/generated/prisma/enums";
import {
  type CandidateStateFilter,
  countReturnedCandidates,
  countSyncCandidates,
  itemHref,
  itemTypeLabel,
  listSyncCandidates,
} from "@/lib/sync/candidates";
import { isReviewRequired, loadReviewPreflight } from "@/lib/sync/review";
import { getAccountingProvider } from "@/lib/integrations/registry";
import { REMOTE_FILTER_LABELS, REMOTE_FILTERS, readRemoteFilter } from "@/lib/sync/remote-filters";
import { getRemoteStatusesById, listRemoteFilterIdsAnyType } from "@/lib/sync/remote-view";
import { loadStatusCheckView } from "@/lib/sync/status-check-view";
import { listSyncRuns } from "@/lib/sync/runs";
import { SYNC_STATE_LABELS } from "@/lib/sync/types";

const TYPES: ItemType[] = ["CONTRACT", "CONTRACT_CHANGE", "INVOICE", "BUDGET", "BUDGET_CHANGE"];
const STATES: [CandidateStateFilter | "", string][] = [
  ["READY", "Ready"],
  ["RETURNED", "Returned to project manager"],
  ["", "All"],
  ["SYNCED", "Synced"],
  ["FAILED", "Sync failed"],
  ["UNKNOWN", "Sync unconfirmed"],
  ["SYNCING", "Syncing"],
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

// Everything that can sync, company-wide: filter, search, select, "Sync all ready", and the runs (live and past).
// With "Accounting reviews before sync" on, Ready is "Ready for accounting": each waiting item with its preflight,
// which an accountant or an admin sends (one, selected, all) or returns to its project manager with a reason.
export default async function AccountingSyncPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser(CAN_SYNC);
  const params = await searchParams;
  const db = getDb();
  const projectId = UUID.test(one(params.project)) ? one(params.project) : undefined;
  const itemType = TYPES.find((t) => t === one(params.type));
  const remote = readRemoteFilter(params.remote);
  // Documents with an accounting-system state are synced ones: filtering by it shows every sync state unless chosen.
  const rawState = one(params.state || (remote ? "ALL" : "READY"));
  const state = STATES.find(([key]) => key === rawState)?.[0] || undefined;
  const search = readQuery(params.q);
  const page = readPage(params.page);
  const runId = UUID.test(one(params.run)) ? one(params.run) : undefined;
  const provider = await getAccountingProvider(db, user.companyId);
  const providerName = provider.metadata.shortName ?? provider.metadata.name;
  // "Intacct state": the items whose sync record matches, as an id filter the candidate query already takes.
  const ids = remote ? await listRemoteFilterIdsAnyType(db, user.companyId, remote) : undefined;
  const filter = { projectId, itemType, search, state, ids };

  const [projects, counts, returnedCount, rows, runs, reviewRequired, statusCheck] = await Promise.all([
    db.project.findMany({
      where: { companyId: user.companyId },
      select: { id: true, number: true, name: true },
      orderBy: { number: "asc" },
    }),
    countSyncCandidates(db, user.companyId, filter),
    countReturnedCandidates(db, user.companyId, filter),
    listSyncCandidates(db, user.companyId, filter, { page, pageSize: PAGE_SIZE }),
    listSyncRuns(db, user.companyId, 8),
    isReviewRequired(db, user.companyId),
    loadStatusCheckView(db, user.companyId),
  ]);
  const canReview = hasRole(user.role, CAN_REVIEW);
  const canSend = !reviewRequired || canReview;
  const ready = counts.NOT_SYNCED + counts.FAILED + counts.UNKNOWN - returnedCount;
  // Both read the listed rows, independently: together (plain queries on the pool, no transaction shared).
  const [preflight, remoteStatuses] = await Promise.all([
    // The reviewer weighs each waiting item's preflight before sending it.
    reviewRequired && canReview && state === "READY"
      ? loadReviewPreflight(
          db,
          user.companyId,
          rows.filter((r) => !r.active),
        )
      : new Map<string, { blockers: string[]; warnings: string[] }>(),
    getRemoteStatusesById(
      db,
      user.companyId,
      rows.map((r) => r.itemId),
      providerName,
    ),
  ]);
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const countOf = (key: CandidateStateFilter | "") =>
    key === "" ? all : key === "READY" ? ready : key === "RETURNED" ? returnedCount : counts[key];
  const stateLabel = (key: CandidateStateFilter | "", label: string) =>
    key === "READY" && reviewRequired ? "Ready for accounting" : label;
  const total = countOf(state ?? "");
  const project = projects.find((p) => p.id === projectId);
  const query = { project: projectId, type: itemType, q: search || undefined, remote };
  const href = (extra: Record<string, string | undefined>) => {
    const search = new URLSearchParams(
      Object.entries({ ...query, ...extra }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `/accounting-sync?${search.toString()}`;
  };

  return (
    <>
      <PageHeader
        title="Accounting sync"
        subtitle="Every approved item that can be sent to accounting. Select items, or sync every ready one; each is sent by a background job, so you can leave this page."
        actions={<CheckNowButton initial={statusCheck} providerName={providerName} canCheck />}
      />
      {reviewRequired ? (
        <p className="-mt-2 mb-4 text-sm text-slate-600" data-testid="review-note">
          Accounting reviews before sync:{" "}
          {canReview
            ? "approved items wait in Ready for accounting until you send them or return them to their project manager."
            : "approved items wait in Ready for accounting until an accountant or an admin sends them."}
        </p>
      ) : null}
      {runId ? (
        <Card title="Sync run">
          <RunProgress runId={runId} />
        </Card>
      ) : null}
      <div className="mt-6 space-y-4">
        <form action="/accounting-sync" className="flex flex-wrap items-end gap-3" role="search">
          <label className="text-xs font-medium text-slate-600">
            Project
            <Select name="project" defaultValue={projectId ?? ""}>
              <option value="">All projects</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.number} {p.name}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            Type
            <Select name="type" defaultValue={itemType ?? ""}>
              <option value="">All types</option>
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {itemTypeLabel(t)}
                </option>
              ))}
            </Select>
          </label>
          <input type="hidden" name="state" value={state ?? ""} />
          <label className="text-xs font-medium text-slate-600">
            {providerName} state
            <Select name="remote" defaultValue={remote ?? ""}>
              <option value="">Any</option>
              {REMOTE_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {REMOTE_FILTER_LABELS[f]}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            Search
            <TextInput name="q" type="search" defaultValue={search} placeholder="Number, title, vendor, project" />
          </label>
          <button
            type="submit"
            className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            Apply
          </button>
        </form>
        <nav aria-label="Filter by sync state" className="flex flex-wrap gap-1">
          {STATES.map(([key, label]) => (
            <a
              key={key || "all"}
              href={href({ state: key || "ALL" })}
              aria-current={(state ?? "") === key ? "true" : undefined}
              className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${(state ?? "") === key ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-600 ring-slate-300 hover:bg-slate-50"}`}
            >
              {stateLabel(key, label)} ({countOf(key)})
            </a>
          ))}
        </nav>
        <Card>
          {rows.length === 0 ? (
            <EmptyState title="Nothing here">
              {state === "READY"
                ? "Every approved item that matches is synced, being sent or returned to its project manager."
                : "No items match."}
            </EmptyState>
          ) : (
            <CandidateTable
              review={{ required: reviewRequired, canReview, canSend }}
              readyCount={ready}
              projectId={projectId}
              projectLabel={project ? `${project.number}` : undefined}
              rows={rows.map((r) => ({
                itemType: r.itemType,
                itemId: r.itemId,
                href: itemHref(r.itemType, r.projectId, r.itemId),
                typeLabel: itemTypeLabel(r.itemType),
                label: `${itemTypeLabel(r.itemType)} ${r.number}`,
                number: r.number,
                project: r.projectNumber,
                vendor: r.vendor ?? "—",
                amount: formatCents(r.amountCents),
                // The day the company approved it, in its own zone (a late approval in Chicago is not tomorrow).
                approved: formatDayOf(r.approvedAt, user.timeZone),
                syncState: r.syncState,
                syncLabel: r.active
                  ? "In a run"
                  : r.returned && r.syncState !== "SYNCED"
                    ? "Returned to project manager"
                    : SYNC_STATE_LABELS[r.syncState],
                ready: !r.active && !r.returned && ["NOT_SYNCED", "FAILED", "UNKNOWN"].includes(r.syncState),
                returned:
                  r.returned && r.syncState !== "SYNCED"
                    ? `“${r.returned.reason}” (${r.returned.byName}, ${formatDateTime(r.returned.at, user.timeZone)})`
                    : null,
                preflight: preflight.get(r.itemId) ?? null,
                remote: remoteStatuses.get(r.itemId) ?? null,
              }))}
            />
          )}
          <Pagination
            page={page}
            total={total}
            basePath="/accounting-sync"
            params={{ ...query, state: state ?? "ALL" }}
          />
        </Card>
        {runs.length ? (
          <Card title="Recent runs">
            <ul className="divide-y divide-slate-100 text-sm" data-testid="recent-runs">
              {runs.map((run) => (
                <li key={run.id} className="flex flex-wrap items-center gap-3 px-4 py-2">
                  <Link href={`/accounting-sync?run=${run.id}`} className="font-medium text-indigo-700 hover:underline">
                    {run.label}
                  </Link>
                  <span className="text-slate-500">
                    {formatDateTime(run.createdAt, user.timeZone)} · {run.startedByName} ·{" "}
                    {run.status === "RUNNING" ? "running" : run.status.toLowerCase()}
                  </span>
                  <span className="text-slate-600">
                    {run.counts.SYNCED} of {run.total} synced
                    {run.counts.FAILED ? ` · ${run.counts.FAILED} failed` : ""}
                    {run.counts.SKIPPED ? ` · ${run.counts.SKIPPED} skipped` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
