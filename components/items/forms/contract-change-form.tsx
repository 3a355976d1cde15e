"use client";

import { saveContractChangeAction } from "@/app/(app)/projects/actions";
import { formatCents } from "@/lib/format/money";
import type { CostCodeOption } from "../cost-code-select";
import { ItemFormFrame } from "./item-form-frame";
import { amountColumn, contractLineColumn, costCodeColumn, descriptionColumn } from "./line-columns";
import { TextAreaField, TextField } from "./form-fields";
import { itemHrefs, useItemForm } from "./use-save-form";

/** A change line changes a contract line, or (no contract line) adds a new one with a cost code. */
type ChangeLine = { contractLineId: string; costCodeId: string; description: string; amount: string };
const blankLine = (): ChangeLine => ({ contractLineId: "", costCodeId: "", description: "", amount: "" });

export function ContractChangeForm({
  projectId,
  contractId,
  contractLines,
  costCodes,
  initial,
}: {
  projectId: string;
  contractId: string;
  contractLines: { id: string; lineNo: number; label: string; revisedCents: number }[];
  costCodes: CostCodeOption[];
  initial: { id?: string; number: string; title: string; reason: string; lines: ChangeLine[] };
}) {
  const { id, lines, ...values } = initial;
  const hrefs = itemHrefs(`/projects/${projectId}/contract-changes`, id);
  const form = useItemForm({
    values,
    lines,
    blankLine,
    action: saveContractChangeAction,
    toInput: (header, changeLines) => ({ id, contractId, ...header, lines: changeLines }),
    savedHref: hrefs.savedHref,
  });
  const newLineCostCode = costCodeColumn<ChangeLine>(costCodes, {
    header: "Cost code (new lines)",
    className: "min-w-56",
  });
  return (
    <ItemFormFrame
      form={form}
      title="Contract change"
      fieldsClassName="grid gap-4 p-4 sm:grid-cols-3"
      fields={
        <>
          <TextField form={form} name="number" label="Change number" />
          <TextField form={form} name="title" label="Title" className="sm:col-span-2" />
          <TextAreaField form={form} name="reason" label="Reason" className="sm:col-span-3" />
        </>
      }
      linesNote="Change an existing contract line by a delta, or add a new line with a cost code."
      lineColumns={[
        contractLineColumn({
          options: contractLines,
          emptyLabel: "New line",
          describe: (option) => formatCents(option.revisedCents),
          // A changed line keeps its contract line's cost code; only a new line chooses one.
          pick: (contractLineId) => ({ contractLineId, costCodeId: "" }),
          className: "min-w-64",
        }),
        {
          ...newLineCostCode,
          render: (line, update, i) =>
            line.contractLineId ? (
              <span className="text-xs text-slate-500">From the contract line</span>
            ) : (
              newLineCostCode.render(line, update, i)
            ),
        },
        descriptionColumn("min-w-56"),
        amountColumn("Change ($)", "w-36"),
      ]}
      cancelHref={hrefs.cancelHref}
    />
  );
}
