import { ItemList, sumCents } from "@/components/items/item-list";
import { PageHeader } from "@/components/ui/page-header";
import { PAGE_SIZE } from "@/components/ui/pagination";
import { readListParams } from "@/components/ui/search-form";
import { getSyncStates, syncFilter } from "@/lib/sync/sync-service";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { getDb } from "@/lib/db/client";
import { listContractChanges } from "@/lib/financials/contract-changes";
import { formatCents } from "@/lib/format/money";

export default async function ContractChangesPage({
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
  const idFilter = await syncFilter(db, user.companyId, "CONTRACT_CHANGE", sync);
  const { rows, total } = await listContractChanges(db, user, {
    projectId,
    status,
    idFilter,
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const syncStates = await getSyncStates(
    db,
    user.companyId,
    "CONTRACT_CHANGE",
    rows.map((r) => r.id),
  );
  const base = `/projects/${projectId}/contract-changes`;
  return (
    <>
      <PageHeader title="Contract Changes" subtitle="Create a change from an approved contract's page." />
      <ItemList
        basePath={base}
        status={status}
        sync={sync}
        page={page}
        total={total}
        headers={["Contract", "Accounting company"]}
        emptyTitle="No contract changes yet"
        rows={rows.map((r) => ({
          id: r.id,
          href: `${base}/${r.id}`,
          number: r.number,
          title: r.title,
          cells: [r.contract.number, r.contract.accountingCompany.name],
          amount: formatCents(sumCents(r.lines)),
          status: r.status,
          syncState: syncStates.get(r.id),
        }))}
      />
    </>
  );
}
