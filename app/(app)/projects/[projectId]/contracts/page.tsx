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
import { listContracts } from "@/lib/financials/contracts";
import { formatCents } from "@/lib/format/money";

export default async function ContractsPage({
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
  const idFilter = await syncFilter(db, user.companyId, "CONTRACT", sync);
  const { rows, total } = await listContracts(db, user, {
    projectId,
    status,
    idFilter,
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const syncStates = await getSyncStates(
    db,
    user.companyId,
    "CONTRACT",
    rows.map((r) => r.id),
  );
  const base = `/projects/${projectId}/contracts`;
  const newButton = hasRole(user.role, CAN_EDIT) ? <ButtonLink href={`${base}/new`}>New contract</ButtonLink> : null;
  return (
    <>
      <PageHeader title="Contracts" actions={newButton} />
      <ItemList
        basePath={base}
        status={status}
        sync={sync}
        page={page}
        total={total}
        headers={["Accounting company"]}
        emptyTitle="No contracts yet"
        emptyAction={newButton}
        rows={rows.map((r) => ({
          id: r.id,
          href: `${base}/${r.id}`,
          number: r.number,
          title: r.title,
          cells: [r.accountingCompany.name],
          amount: formatCents(sumCents(r.lines)),
          status: r.status,
          syncState: syncStates.get(r.id),
        }))}
      />
    </>
  );
}
