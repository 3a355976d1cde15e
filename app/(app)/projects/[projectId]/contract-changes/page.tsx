import { ItemList } from "@/components/items/item-list";
import { PageHeader } from "@/components/ui/page-header";
import { listContractChanges } from "@/lib/financials/contract-changes";
import { type ItemListPageProps, loadItemList } from "../_lib/item-pages";

export default async function ContractChangesPage(props: ItemListPageProps) {
  const { rows, list, toRow } = await loadItemList(props, "CONTRACT_CHANGE", "contract-changes", listContractChanges);
  return (
    <>
      <PageHeader title="Contract Changes" subtitle="Create a change from an approved contract's page." />
      <ItemList
        {...list}
        headers={["Contract", "Accounting company"]}
        emptyTitle="No contract changes yet"
        rows={rows.map((r) =>
          toRow(r, { title: r.title, cells: [r.contract.number, r.contract.accountingCompany.name] }),
        )}
      />
    </>
  );
}
