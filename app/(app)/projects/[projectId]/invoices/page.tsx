import { ItemList, sumCents } from "@/components/items/item-list";
import { PageHeader } from "@/components/ui/page-header";
import { PAGE_SIZE } from "@/components/ui/pagination";
import { readListParams } from "@/components/ui/search-form";
import { getSyncStates, syncFilter } from "@/lib/sync/sync-service";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { getDb } from "@/lib/db/client";
import { listInvoices } from "@/lib/financials/invoices";
import { formatDate } from "@/lib/format/dates";
import { formatCents } from "@/lib/format/money";

export default async function InvoicesPage({
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
  const idFilter = await syncFilter(db, user.companyId, "INVOICE", sync);
  const { rows, total } = await listInvoices(db, user, {
    projectId,
    status,
    idFilter,
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const syncStates = await getSyncStates(
    db,
    user.companyId,
    "INVOICE",
    rows.map((r) => r.id),
  );
  const base = `/projects/${projectId}/invoices`;
  return (
    <>
      <PageHeader title="Invoices" subtitle="Create an invoice from an approved contract's page." />
      <ItemList
        basePath={base}
        status={status}
        sync={sync}
        page={page}
        total={total}
        headers={["Contract", "Accounting company", "Invoice date"]}
        emptyTitle="No invoices yet"
        rows={rows.map((r) => ({
          id: r.id,
          href: `${base}/${r.id}`,
          number: r.number,
          title: r.contract.title,
          cells: [r.contract.number, r.contract.accountingCompany.name, formatDate(r.invoiceDate)],
          amount: formatCents(sumCents(r.lines)),
          status: r.status,
          syncState: syncStates.get(r.id),
        }))}
      />
    </>
  );
}
