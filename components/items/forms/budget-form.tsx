"use client";

import { saveBudgetAction, saveBudgetChangeAction } from "@/app/(app)/projects/actions";
import type { CostCodeOption } from "../cost-code-select";
import { ItemFormFrame } from "./item-form-frame";
import { amountColumn, costCodeColumn, descriptionColumn } from "./line-columns";
import { TextAreaField, TextField } from "./form-fields";
import { itemHrefs, useItemForm } from "./use-save-form";

/** A line of the budget, budget change and contract forms. */
export type CostCodeLine = { costCodeId: string; description: string; amount: string };
export const blankCostCodeLine = (): CostCodeLine => ({ costCodeId: "", description: "", amount: "" });

export function BudgetForm({
  projectId,
  costCodes,
  initial,
}: {
  projectId: string;
  costCodes: CostCodeOption[];
  initial: { title: string; lines: CostCodeLine[] };
}) {
  // One budget per project: its page is the budget tab, before and after saving.
  const base = `/projects/${projectId}/budget`;
  const form = useItemForm({
    values: { title: initial.title },
    lines: initial.lines,
    blankLine: blankCostCodeLine,
    action: saveBudgetAction,
    toInput: (values, lines) => ({ projectId, ...values, lines }),
    savedHref: () => base,
  });
  return (
    <ItemFormFrame
      form={form}
      title="Budget"
      fieldsClassName="p-4"
      fields={<TextField form={form} name="title" label="Title" className="max-w-md" />}
      lineColumns={[costCodeColumn(costCodes), descriptionColumn(), amountColumn("Amount ($)")]}
      cancelHref={base}
    />
  );
}

export function BudgetChangeForm({
  projectId,
  costCodes,
  initial,
}: {
  projectId: string;
  costCodes: CostCodeOption[];
  initial: { id?: string; number: string; title: string; reason: string; lines: CostCodeLine[] };
}) {
  const { id, lines, ...values } = initial;
  const hrefs = itemHrefs(`/projects/${projectId}/budget-changes`, id);
  const form = useItemForm({
    values,
    lines,
    blankLine: blankCostCodeLine,
    action: saveBudgetChangeAction,
    toInput: (header, changed) => ({ id, projectId, ...header, lines: changed }),
    savedHref: hrefs.savedHref,
  });
  return (
    <ItemFormFrame
      form={form}
      title="Budget change"
      fieldsClassName="grid gap-4 p-4 sm:grid-cols-3"
      fields={
        <>
          <TextField form={form} name="number" label="Number" />
          <TextField form={form} name="title" label="Title" className="sm:col-span-2" />
          <TextAreaField form={form} name="reason" label="Reason" className="sm:col-span-3" />
        </>
      }
      linesNote="Enter each change as a delta: positive adds to the cost code, negative moves money out."
      lineColumns={[costCodeColumn(costCodes), descriptionColumn(), amountColumn("Change ($)")]}
      cancelHref={hrefs.cancelHref}
    />
  );
}
