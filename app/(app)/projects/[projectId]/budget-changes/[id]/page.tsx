import { ItemDetail } from "@/components/items/item-detail";
import { CostCodeLabel, LinesTable } from "@/components/items/lines-table";
import { Card, DetailList } from "@/components/ui/card";
import { getBudgetChange } from "@/lib/financials/budget-changes";
import { formatCents, sumCents } from "@/lib/format/money";
import { type ItemPageParams, loadItemDetail } from "../../_lib/item-pages";
import { DateTime } from "@/components/ui/time-zone";

export default async function BudgetChangePage({ params }: { params: ItemPageParams }) {
  const {
    projectId,
    item: change,
    frame,
  } = await loadItemDetail(params, "BUDGET_CHANGE", getBudgetChange, (c) => c.projectId);
  return (
    <ItemDetail
      {...frame}
      title={`${change.number} · ${change.title}`}
      subtitle="Budget change"
      lockedNote="This budget change is approved and locked."
      editHref={`/projects/${projectId}/budget-changes/${change.id}/edit`}
    >
      <Card>
        <DetailList
          items={[
            { label: "Total change", value: formatCents(sumCents(change.lines)) },
            { label: "Reason", value: change.reason || "—" },
            { label: "Submitted", value: <DateTime value={change.submittedAt} /> },
            { label: "Decided", value: <DateTime value={change.decidedAt} /> },
          ]}
        />
      </Card>
      <LinesTable
        lines={change.lines}
        columns={[
          { header: "Cost code", cell: (l) => <CostCodeLabel costCode={l.costCode} /> },
          { header: "Description", cell: (l) => l.description },
          { header: "Change", align: "right", cell: (l) => formatCents(l.amountCents) },
        ]}
      />
    </ItemDetail>
  );
}
