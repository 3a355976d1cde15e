import Link from "next/link";
import { ItemDetail } from "@/components/items/item-detail";
import { CostCodeLabel, LinesTable } from "@/components/items/lines-table";
import { Card, DetailList } from "@/components/ui/card";
import { getContractChange } from "@/lib/financials/contract-changes";
import { formatCents, sumCents } from "@/lib/format/money";
import { type ItemPageParams, loadItemDetail } from "../../_lib/item-pages";
import { DateTime } from "@/components/ui/time-zone";

export default async function ContractChangePage({ params }: { params: ItemPageParams }) {
  const {
    projectId,
    item: change,
    frame,
  } = await loadItemDetail(params, "CONTRACT_CHANGE", getContractChange, (c) => c.contract.projectId);
  return (
    <ItemDetail
      {...frame}
      title={`${change.number} · ${change.title}`}
      subtitle={
        <>
          Change to{" "}
          <Link
            className="text-indigo-700 hover:underline"
            href={`/projects/${projectId}/contracts/${change.contractId}`}
          >
            {change.contract.number}
          </Link>{" "}
          with {change.contract.accountingCompany.name}
        </>
      }
      lockedNote="This contract change is approved and locked."
      editHref={`/projects/${projectId}/contract-changes/${change.id}/edit`}
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
          {
            header: "Contract line",
            cell: (l) =>
              l.contractLine ? `Line ${l.contractLine.lineNo}` : <span className="text-emerald-700">New line</span>,
          },
          { header: "Cost code", cell: (l) => <CostCodeLabel costCode={l.costCode} /> },
          { header: "Description", cell: (l) => l.description },
          { header: "Change", align: "right", cell: (l) => formatCents(l.amountCents) },
        ]}
      />
    </ItemDetail>
  );
}
