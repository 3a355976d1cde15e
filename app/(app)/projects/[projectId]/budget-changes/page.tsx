import { ItemList, sumCents } from "@/components/items/item-list";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PAGE_SIZE } from "@/components/ui/pagination";
import { readListParams } from "@/components/ui/search-form";
import { getSyncStates, syncFilter } from "@/lib/sync/sync-service";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { listBudgetChanges } from "@/lib/financials/budget-changes";
import { formatCents } from "@/lib/format/money";

export default async function BudgetChangesPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const projectId = await requireProjectId(user, (await params).projectId);
  const { page, status, sync } = readListParams(await searchParams);
  const db = getDb();
  const idFilter = await syncFilter(db, user.companyId, "BUDGET_CHANGE", sync);
  const { rows, total } = await listBudgetChanges(db, user, projectId, {
    status,
    idFilter,
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const syncStates = await getSyncStates(
    db,
    user.companyId,
    "BUDGET_CHANGE",
    rows.map((r) => r.id),
  );
  const base = `/projects/${projectId}/budget-changes`;
  const newButton = hasRole(user.role, CAN_EDIT) ? (
    <ButtonLink href={`${base}/new`}>New budget change</ButtonLink>
  ) : null;
  return (
    <>
      <PageHeader title="Budget Changes" actions={newButton} />
      <ItemList
        basePath={base}
        status={status}
        sync={sync}
        page={page}
        total={total}
        headers={["Reason"]}
        emptyTitle="No budget changes yet"
        emptyAction={newButton}
        rows={rows.map((r) => ({
          id: r.id,
          href: `${base}/${r.id}`,
          number: r.number,
          title: r.title,
          cells: [
            <span key="reason" className="block max-w-xs truncate">
              {r.reason}
            </span>,
          ],
          amount: formatCents(sumCents(r.lines)),
          status: r.status,
          syncState: syncStates.get(r.id),
        }))}
      />
    </>
  );
}
