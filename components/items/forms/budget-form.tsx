"use client";

import { useState } from "react";
import { saveBudgetAction, saveBudgetChangeAction } from "@/app/(app)/projects/actions";
import { Field, TextArea, TextInput } from "@/components/forms/fields";
import { Card } from "@/components/ui/card";
import { CostCodeSelect, type CostCodeOption } from "../cost-code-select";
import { LinesEditor, newKey } from "../lines-editor";
import { FormFooter } from "./form-footer";
import { useSave } from "./use-save";

type Line = { key: string; costCodeId: string; description: string; amount: string };
export type BudgetLineValue = Omit<Line, "key">;

function costCodeColumns(costCodes: CostCodeOption[], amountHint: string) {
  return [
    {
      header: "Cost code",
      className: "min-w-64",
      render: (l: Line, u: (p: Partial<Line>) => void, i: number) => (
        <CostCodeSelect
          id={`line-${i}-cost-code`}
          label={`Line ${i + 1} cost code`}
          value={l.costCodeId}
          options={costCodes}
          onChange={(costCodeId) => u({ costCodeId })}
        />
      ),
    },
    {
      header: "Description",
      className: "min-w-64",
      render: (l: Line, u: (p: Partial<Line>) => void, i: number) => (
        <TextInput
          aria-label={`Line ${i + 1} description`}
          value={l.description}
          onChange={(e) => u({ description: e.target.value })}
        />
      ),
    },
    {
      header: amountHint,
      className: "w-40",
      render: (l: Line, u: (p: Partial<Line>) => void, i: number) => (
        <TextInput
          aria-label={`Line ${i + 1} amount`}
          inputMode="decimal"
          value={l.amount}
          onChange={(e) => u({ amount: e.target.value })}
        />
      ),
    },
  ];
}

const withKeys = (lines: BudgetLineValue[]): Line[] =>
  (lines.length ? lines : [{ costCodeId: "", description: "", amount: "" }]).map((l) => ({ ...l, key: newKey() }));
const blank = (): Line => ({ key: newKey(), costCodeId: "", description: "", amount: "" });
const strip = (lines: Line[]) =>
  lines.map(({ costCodeId, description, amount }) => ({ costCodeId, description, amount }));

export function BudgetForm({
  projectId,
  costCodes,
  initial,
}: {
  projectId: string;
  costCodes: CostCodeOption[];
  initial: { title: string; lines: BudgetLineValue[] };
}) {
  const [title, setTitle] = useState(initial.title);
  const [lines, setLines] = useState(() => withKeys(initial.lines));
  const base = `/projects/${projectId}/budget`;
  const save = useSave(saveBudgetAction, () => base);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.execute({ projectId, title, lines: strip(lines) });
      }}
      className="space-y-6"
    >
      <Card title="Budget">
        <div className="p-4">
          <Field label="Title" htmlFor="title" error={save.errors.fields.title} className="max-w-md">
            <TextInput
              id="title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              invalid={Boolean(save.errors.fields.title)}
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
            newLine={blank}
            error={save.errors.fields.lines}
          />
        </div>
      </Card>
      <FormFooter errors={save.errors} pending={save.isPending} cancelHref={base} />
    </form>
  );
}

export function BudgetChangeForm({
  projectId,
  costCodes,
  initial,
}: {
  projectId: string;
  costCodes: CostCodeOption[];
  initial: { id?: string; number: string; title: string; reason: string; lines: BudgetLineValue[] };
}) {
  const [header, setHeader] = useState({ number: initial.number, title: initial.title, reason: initial.reason });
  const [lines, setLines] = useState(() => withKeys(initial.lines));
  const base = `/projects/${projectId}/budget-changes`;
  const save = useSave(saveBudgetChangeAction, (id) => `${base}/${id}`);
  const f = save.errors.fields;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.execute({ id: initial.id, projectId, ...header, lines: strip(lines) });
      }}
      className="space-y-6"
    >
      <Card title="Budget change">
        <div className="grid gap-4 p-4 sm:grid-cols-3">
          <Field label="Number" htmlFor="number" error={f.number}>
            <TextInput
              id="number"
              value={header.number}
              onChange={(e) => setHeader({ ...header, number: e.target.value })}
              invalid={Boolean(f.number)}
            />
          </Field>
          <Field label="Title" htmlFor="title" error={f.title} className="sm:col-span-2">
            <TextInput
              id="title"
              value={header.title}
              onChange={(e) => setHeader({ ...header, title: e.target.value })}
              invalid={Boolean(f.title)}
            />
          </Field>
          <Field label="Reason" htmlFor="reason" error={f.reason} className="sm:col-span-3">
            <TextArea
              id="reason"
              value={header.reason}
              onChange={(e) => setHeader({ ...header, reason: e.target.value })}
            />
          </Field>
        </div>
      </Card>
      <Card title="Lines">
        <div className="p-4">
          <p className="mb-3 text-sm text-slate-500">
            Enter each change as a delta: positive adds to the cost code, negative moves money out.
          </p>
          <LinesEditor
            lines={lines}
            onChange={setLines}
            columns={costCodeColumns(costCodes, "Change ($)")}
            newLine={blank}
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

export { costCodeColumns };
