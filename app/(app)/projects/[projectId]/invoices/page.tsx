import { ItemList } from "@/components/items/item-list";
import { PageHeader } from "@/components/ui/page-header";
import { listInvoices } from "@/lib/financials/invoices";
import { formatDate } from "@/lib/format/dates";
import { type ItemListPageProps, loadItemList } from "../_lib/item-pages";

export default async function InvoicesPage(props: ItemListPageProps) {
  const { rows, list, toRow } = await loadItemList(props, "INVOICE", "invoices", listInvoices);
  return (
    <>
      <PageHeader title="Invoices" subtitle="Create an invoice from an approved contract's page." />
      <ItemList
        {...list}
        headers={["Contract", "Accounting company", "Invoice date"]}
        emptyTitle="No invoices yet"
        rows={rows.map((r) =>
          toRow(r, {
            title: r.contract.title,
            cells: [r.contract.number, r.contract.accountingCompany.name, formatDate(r.invoiceDate)],
          }),
        )}
      />
    </>
  );
}
