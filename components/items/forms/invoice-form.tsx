"use client";

import { useState } from "react";
import { saveInvoiceAction } from "@/app/(app)/projects/actions";
import { Field, TextInput } from "@/components/forms/fields";
import { addDaysToDateInput } from "@/lib/format/dates";
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
  paymentTerms,
  initial,
}: {
  projectId: string;
  contractId: string;
  /** What the invoice can bill: the contract's lines and the lines approved changes added. */
  contractLines: { id: string; lineNo: number; label: string; remainingCents: number }[];
  /** The company's payment terms: the due date follows the invoice date until someone sets it by hand. */
  paymentTerms: { days: number; label: string };
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
  const [dueFollowsTerms, setDueFollowsTerms] = useState(
    () => values.dueDate === addDaysToDateInput(values.invoiceDate, paymentTerms.days),
  );
  const errors = form.errors.fields;
  return (
    <ItemFormFrame
      form={form}
      title="Invoice"
      fieldsClassName="grid gap-4 p-4 sm:grid-cols-4"
      fields={
        <>
          <TextField form={form} name="number" label="Invoice number" />
          <Field label="Invoice date" htmlFor="invoiceDate" error={errors.invoiceDate}>
            <TextInput
              id="invoiceDate"
              type="date"
              value={form.values.invoiceDate}
              onChange={(e) =>
                form.set({
                  invoiceDate: e.target.value,
                  ...(dueFollowsTerms ? { dueDate: addDaysToDateInput(e.target.value, paymentTerms.days) } : {}),
                })
              }
              invalid={Boolean(errors.invoiceDate)}
            />
          </Field>
          <Field
            label="Due date"
            htmlFor="dueDate"
            error={errors.dueDate}
            hint={
              dueFollowsTerms ? `${paymentTerms.label} from the invoice date` : `Payment terms: ${paymentTerms.label}`
            }
          >
            <TextInput
              id="dueDate"
              type="date"
              value={form.values.dueDate}
              onChange={(e) => {
                setDueFollowsTerms(false);
                form.set({ dueDate: e.target.value });
              }}
              invalid={Boolean(errors.dueDate)}
            />
          </Field>
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
