import { ItemList } from "@/components/items/item-list";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listBudgetChanges } from "@/lib/financials/budget-changes";
import { type ItemListPageProps, loadItemList } from "../_lib/item-pages";

export default async function BudgetChangesPage(props: ItemListPageProps) {
  const { canEdit, rows, list, toRow } = await loadItemList(
    props,
    "BUDGET_CHANGE",
    "budget-changes",
    listBudgetChanges,
  );
  const newButton = canEdit ? <ButtonLink href={`${list.basePath}/new`}>New budget change</ButtonLink> : null;
  return (
    <>
      <PageHeader title="Budget Changes" actions={newButton} />
      <ItemList
        {...list}
        headers={["Reason"]}
        emptyTitle="No budget changes yet"
        emptyAction={newButton}
        rows={rows.map((r) =>
          toRow(r, {
            title: r.title,
            cells: [
              <span key="reason" className="block max-w-xs truncate">
                {r.reason}
              </span>,
            ],
          }),
        )}
      />
    </>
  );
}
