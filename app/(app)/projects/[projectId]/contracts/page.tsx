import { ItemList } from "@/components/items/item-list";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listContracts } from "@/lib/financials/contracts";
import { type ItemListPageProps, loadItemList } from "../_lib/item-pages";

export default async function ContractsPage(props: ItemListPageProps) {
  const { canEdit, rows, list, toRow } = await loadItemList(props, "CONTRACT", "contracts", listContracts);
  const newButton = canEdit ? <ButtonLink href={`${list.basePath}/new`}>New contract</ButtonLink> : null;
  return (
    <>
      <PageHeader title="Contracts" actions={newButton} />
      <ItemList
        {...list}
        headers={["Accounting company"]}
        emptyTitle="No contracts yet"
        emptyAction={newButton}
        rows={rows.map((r) => toRow(r, { title: r.title, cells: [r.accountingCompany.name] }))}
      />
    </>
  );
}
