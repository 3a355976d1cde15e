"use client";

import { useState } from "react";
import { saveContractAction } from "@/app/(app)/projects/actions";
import { Field, Select, TextArea, TextInput } from "@/components/forms/fields";
import { Card } from "@/components/ui/card";
import type { CostCodeOption } from "../cost-code-select";
import { LinesEditor, newKey } from "../lines-editor";
import { costCodeColumns, type BudgetLineValue } from "./budget-form";
import { FormFooter } from "./form-footer";
import { useSave } from "./use-save";

export type ContractFormValue = {
  id?: string;
  accountingCompanyId: string;
  number: string;
  title: string;
  description: string;
  startDate: string;
  endDate: string;
  retainagePercent: string;
  lines: BudgetLineValue[];
};

export function ContractForm({
  projectId,
  costCodes,
  vendors,
  initial,
}: {
  projectId: string;
  costCodes: CostCodeOption[];
  vendors: { id: string; name: string }[];
  initial: ContractFormValue;
}) {
  const { lines: initialLines, ...initialHeader } = initial;
  const [header, setHeader] = useState(initialHeader);
  const [lines, setLines] = useState(() =>
    (initialLines.length ? initialLines : [{ costCodeId: "", description: "", amount: "" }]).map((l) => ({
      ...l,
      key: newKey(),
    })),
  );
  const base = `/projects/${projectId}/contracts`;
  const save = useSave(saveContractAction, (id) => `${base}/${id}`);
  const f = save.errors.fields;
  const set = (patch: Partial<typeof header>) => setHeader({ ...header, ...patch });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.execute({
          ...header,
          projectId,
          lines: lines.map(({ costCodeId, description, amount }) => ({ costCodeId, description, amount })),
        });
      }}
      className="space-y-6"
    >
      <Card title="Contract">
        <div className="grid gap-4 p-4 sm:grid-cols-4">
          <Field label="Contract number" htmlFor="number" error={f.number}>
            <TextInput
              id="number"
              value={header.number}
              onChange={(e) => set({ number: e.target.value })}
              invalid={Boolean(f.number)}
            />
          </Field>
          <Field label="Title" htmlFor="title" error={f.title} className="sm:col-span-3">
            <TextInput
              id="title"
              value={header.title}
              onChange={(e) => set({ title: e.target.value })}
              invalid={Boolean(f.title)}
            />
          </Field>
          <Field
            label="Accounting company"
            htmlFor="accountingCompanyId"
            error={f.accountingCompanyId}
            className="sm:col-span-2"
          >
            <Select
              id="accountingCompanyId"
              value={header.accountingCompanyId}
              onChange={(e) => set({ accountingCompanyId: e.target.value })}
              invalid={Boolean(f.accountingCompanyId)}
            >
              <option value="">Choose a vendor…</option>
              {vendors.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Start date" htmlFor="startDate" error={f.startDate}>
            <TextInput
              id="startDate"
              type="date"
              value={header.startDate}
              onChange={(e) => set({ startDate: e.target.value })}
              invalid={Boolean(f.startDate)}
            />
          </Field>
          <Field label="End date" htmlFor="endDate" error={f.endDate}>
            <TextInput
              id="endDate"
              type="date"
              value={header.endDate}
              onChange={(e) => set({ endDate: e.target.value })}
              invalid={Boolean(f.endDate)}
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
          <Field label="Description" htmlFor="description" error={f.description} className="sm:col-span-3">
            <TextArea
              id="description"
              value={header.description}
              onChange={(e) => set({ description: e.target.value })}
            />
          </Field>
        </div>
      </Card>
      <Card title="Lines">
        <div className="p-4">
          <LinesEditor
            lines={lines}
            onChange={setLines}
            columns={costCodeColumns(costCodes, "Amount ($)")}
            newLine={() => ({ key: newKey(), costCodeId: "", description: "", amount: "" })}
            error={f.lines}
          />
        </div>
      </Card>
      <FormFooter
        errors={save.errors}
        pending={save.isPending}
        cancelHref={initial.id ? `${base}/${initial.id}` : base}
      />
    </form>
  );
}
