"use client";

import { saveInvoiceAction } from "@/app/(app)/projects/actions";
import { formatCents } from "@/lib/format/money";
import { ItemFormFrame } from "./item-form-frame";
import { amountColumn, contractLineColumn, descriptionColumn } from "./line-columns";
import { TextField } from "./form-fields";
import { itemHrefs, useItemForm } from "./use-save-form";

type InvoiceLine = { contractLineId: string; description: string; amount: string };
const blankLine = (): InvoiceLine => ({ contractLineId: "", description: "", amount: "" });

export function InvoiceForm({
  projectId,
  contractId,
  contractLines,
  initial,
}: {
  projectId: string;
  contractId: string;
  contractLines: { id: string; lineNo: number; label: string; remainingCents: number }[];
  initial: {
    id?: string;
    number: string;
    invoiceDate: string;
    dueDate: string;
    retainagePercent: string;
    lines: InvoiceLine[];
  };
}) {
  const { id, lines, ...values } = initial;
  const hrefs = itemHrefs(`/projects/${projectId}/invoices`, id);
  const form = useItemForm({
    values,
    lines,
    blankLine,
    action: saveInvoiceAction,
    toInput: (header, invoiceLines) => ({ id, contractId, ...header, lines: invoiceLines }),
    savedHref: hrefs.savedHref,
  });
  return (
    <ItemFormFrame
      form={form}
      title="Invoice"
      fieldsClassName="grid gap-4 p-4 sm:grid-cols-4"
      fields={
        <>
          <TextField form={form} name="number" label="Invoice number" />
          <TextField form={form} name="invoiceDate" label="Invoice date" type="date" />
          <TextField form={form} name="dueDate" label="Due date" type="date" />
          <TextField form={form} name="retainagePercent" label="Retainage (%)" inputMode="decimal" />
        </>
      }
      lineColumns={[
        contractLineColumn({
          options: contractLines,
          emptyLabel: "Choose a contract line…",
          describe: (option) => `${formatCents(option.remainingCents)} remaining`,
          className: "min-w-72",
        }),
        descriptionColumn("min-w-56"),
        amountColumn("Amount ($)", "w-36"),
      ]}
      cancelHref={hrefs.cancelHref}
    />
  );
}
