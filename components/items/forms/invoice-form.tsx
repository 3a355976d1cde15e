"use client";

import { useState } from "react";
import { saveInvoiceAction } from "@/app/(app)/projects/actions";
import { Field, Select, TextInput } from "@/components/forms/fields";
import { Card } from "@/components/ui/card";
import { addDaysToDateInput } from "@/lib/format/dates";
import { formatCents } from "@/lib/format/money";
import { LinesEditor, newKey } from "../lines-editor";
import { FormFooter } from "./form-footer";
import { useSave } from "./use-save";

type Line = { key: string; contractLineId: string; description: string; amount: string };
export type InvoiceLineValue = Omit<Line, "key">;
/** A line the invoice can bill: a contract line, or a line an approved change added. */
export type InvoiceLineOption = { id: string; label: string; remainingCents: number };

export function InvoiceForm({
  projectId,
  contractId,
  contractLines,
  paymentTerms,
  initial,
}: {
  projectId: string;
  contractId: string;
  contractLines: InvoiceLineOption[];
  /** The company's payment terms: the due date follows the invoice date until someone sets it by hand. */
  paymentTerms: { days: number; label: string };
  initial: {
    id?: string;
    number: string;
    invoiceDate: string;
    dueDate: string;
    retainagePercent: string;
    lines: InvoiceLineValue[];
  };
}) {
  const { lines: initialLines, id, ...initialHeader } = initial;
  const [header, setHeader] = useState(initialHeader);
  const [dueFollowsTerms, setDueFollowsTerms] = useState(
    () => initialHeader.dueDate === addDaysToDateInput(initialHeader.invoiceDate, paymentTerms.days),
  );
  const [lines, setLines] = useState<Line[]>(() =>
    (initialLines.length ? initialLines : [{ contractLineId: "", description: "", amount: "" }]).map((l) => ({
      ...l,
      key: newKey(),
    })),
  );
  const base = `/projects/${projectId}/invoices`;
  const save = useSave(saveInvoiceAction, (savedId) => `${base}/${savedId}`);
  const f = save.errors.fields;
  const set = (patch: Partial<typeof header>) => setHeader({ ...header, ...patch });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.execute({ id, contractId, ...header, lines: lines.map(({ key: _key, ...l }) => l) });
      }}
      className="space-y-6"
    >
      <Card title="Invoice">
        <div className="grid gap-4 p-4 sm:grid-cols-4">
          <Field label="Invoice number" htmlFor="number" error={f.number}>
            <TextInput
              id="number"
              value={header.number}
              onChange={(e) => set({ number: e.target.value })}
              invalid={Boolean(f.number)}
            />
          </Field>
          <Field label="Invoice date" htmlFor="invoiceDate" error={f.invoiceDate}>
            <TextInput
              id="invoiceDate"
              type="date"
              value={header.invoiceDate}
              onChange={(e) =>
                set({
                  invoiceDate: e.target.value,
                  ...(dueFollowsTerms ? { dueDate: addDaysToDateInput(e.target.value, paymentTerms.days) } : {}),
                })
              }
              invalid={Boolean(f.invoiceDate)}
            />
          </Field>
          <Field
            label="Due date"
            htmlFor="dueDate"
            error={f.dueDate}
            hint={
              dueFollowsTerms ? `${paymentTerms.label} from the invoice date` : `Payment terms: ${paymentTerms.label}`
            }
          >
            <TextInput
              id="dueDate"
              type="date"
              value={header.dueDate}
              onChange={(e) => {
                setDueFollowsTerms(false);
                set({ dueDate: e.target.value });
              }}
              invalid={Boolean(f.dueDate)}
            />
          </Field>
          <Field label="Retainage (%)" htmlFor="retainagePercent" error={f.retainagePercent}>
            <TextInput
              id="retainagePercent"
              inputMode="decimal"
              value={header.retainagePercent}
              onChange={(e) => set({ retainagePercent: e.target.value })}
              invalid={Boolean(f.retainagePercent)}
            />
          </Field>
        </div>
      </Card>
      <Card title="Lines">
        <div className="p-4">
          <LinesEditor
            lines={lines}
            onChange={setLines}
            newLine={() => ({ key: newKey(), contractLineId: "", description: "", amount: "" })}
            error={f.lines}
            columns={[
              {
                header: "Contract line",
                className: "min-w-72",
                render: (l, u, i) => (
                  <Select
                    aria-label={`Line ${i + 1} contract line`}
                    value={l.contractLineId}
                    onChange={(e) => u({ contractLineId: e.target.value })}
                  >
                    <option value="">Choose a contract line…</option>
                    {contractLines.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.label} ({formatCents(c.remainingCents)} remaining)
                      </option>
                    ))}
                  </Select>
                ),
              },
              {
                header: "Description",
                className: "min-w-56",
                render: (l, u, i) => (
                  <TextInput
                    aria-label={`Line ${i + 1} description`}
                    value={l.description}
                    onChange={(e) => u({ description: e.target.value })}
                  />
                ),
              },
              {
                header: "Amount ($)",
                className: "w-36",
                render: (l, u, i) => (
                  <TextInput
                    aria-label={`Line ${i + 1} amount`}
                    inputMode="decimal"
                    value={l.amount}
                    onChange={(e) => u({ amount: e.target.value })}
                  />
                ),
              },
            ]}
          />
        </div>
      </Card>
      <FormFooter errors={save.errors} pending={save.isPending} cancelHref={id ? `${base}/${id}` : base} />
    </form>
  );
}
