"use client";

import { saveContractAction } from "@/app/(app)/projects/actions";
import type { CostCodeOption } from "../cost-code-select";
import { blankCostCodeLine, type CostCodeLine } from "./budget-form";
import { ItemFormFrame } from "./item-form-frame";
import { amountColumn, costCodeColumn, descriptionColumn } from "./line-columns";
import { SelectField, TextAreaField, TextField } from "./form-fields";
import { itemHrefs, useItemForm } from "./use-save-form";

export function ContractForm({
  projectId,
  costCodes,
  vendors,
  initial,
}: {
  projectId: string;
  costCodes: CostCodeOption[];
  vendors: { id: string; name: string }[];
  initial: {
    id?: string;
    accountingCompanyId: string;
    number: string;
    title: string;
    description: string;
    startDate: string;
    endDate: string;
    retainagePercent: string;
    lines: CostCodeLine[];
  };
}) {
  const { id, lines, ...values } = initial;
  const hrefs = itemHrefs(`/projects/${projectId}/contracts`, id);
  const form = useItemForm({
    values,
    lines,
    blankLine: blankCostCodeLine,
    action: saveContractAction,
    toInput: (header, contractLines) => ({ id, projectId, ...header, lines: contractLines }),
    savedHref: hrefs.savedHref,
  });
  return (
    <ItemFormFrame
      form={form}
      title="Contract"
      fieldsClassName="grid gap-4 p-4 sm:grid-cols-4"
      fields={
        <>
          <TextField form={form} name="number" label="Contract number" />
          <TextField form={form} name="title" label="Title" className="sm:col-span-3" />
          <SelectField form={form} name="accountingCompanyId" label="Accounting company" className="sm:col-span-2">
            <option value="">Choose a vendor…</option>
            {vendors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </SelectField>
          <TextField form={form} name="startDate" label="Start date" type="date" />
          <TextField form={form} name="endDate" label="End date" type="date" />
          <TextField form={form} name="retainagePercent" label="Retainage (%)" inputMode="decimal" />
          <TextAreaField form={form} name="description" label="Description" className="sm:col-span-3" />
        </>
      }
      lineColumns={[costCodeColumn(costCodes), descriptionColumn(), amountColumn("Amount ($)")]}
      cancelHref={hrefs.cancelHref}
    />
  );
}
