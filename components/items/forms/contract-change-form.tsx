"use client";

import { useState } from "react";
import { saveContractChangeAction } from "@/app/(app)/projects/actions";
import { Field, Select, TextArea, TextInput } from "@/components/forms/fields";
import { Card } from "@/components/ui/card";
import { formatCents } from "@/lib/format/money";
import { CostCodeSelect, type CostCodeOption } from "../cost-code-select";
import { LinesEditor, newKey } from "../lines-editor";
import { FormFooter } from "./form-footer";
import { useSave } from "./use-save";

type Line = { key: string; contractLineId: string; costCodeId: string; description: string; amount: string };
export type ContractChangeLineValue = Omit<Line, "key">;
export type ContractLineOption = { id: string; lineNo: number; label: string; revisedCents: number };

export function ContractChangeForm({
  projectId,
  contractId,
  contractLines,
  costCodes,
  initial,
}: {
  projectId: string;
  contractId: string;
  contractLines: ContractLineOption[];
  costCodes: CostCodeOption[];
  initial: { id?: string; number: string; title: string; reason: string; lines: ContractChangeLineValue[] };
}) {
  const [header, setHeader] = useState({ number: initial.number, title: initial.title, reason: initial.reason });
  const [lines, setLines] = useState<Line[]>(() =>
    (initial.lines.length ? initial.lines : [{ contractLineId: "", costCodeId: "", description: "", amount: "" }]).map(
      (l) => ({ ...l, key: newKey() }),
    ),
  );
  const base = `/projects/${projectId}/contract-changes`;
  const save = useSave(saveContractChangeAction, (id) => `${base}/${id}`);
  const f = save.errors.fields;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.execute({ id: initial.id, contractId, ...header, lines: lines.map(({ key: _key, ...l }) => l) });
      }}
      className="space-y-6"
    >
      <Card title="Contract change">
        <div className="grid gap-4 p-4 sm:grid-cols-3">
          <Field label="Change number" htmlFor="number" error={f.number}>
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
          <Field label="Reason" htmlFor="reason" className="sm:col-span-3">
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
            Change an existing contract line by a delta, or add a new line with a cost code.
          </p>
          <LinesEditor
            lines={lines}
            onChange={setLines}
            newLine={() => ({ key: newKey(), contractLineId: "", costCodeId: "", description: "", amount: "" })}
            error={f.lines}
            columns={[
              {
                header: "Contract line",
                className: "min-w-64",
                render: (l, u, i) => (
                  <Select
                    aria-label={`Line ${i + 1} contract line`}
                    value={l.contractLineId}
                    onChange={(e) => u({ contractLineId: e.target.value, costCodeId: "" })}
                  >
                    <option value="">New line</option>
                    {contractLines.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.lineNo}. {c.label} ({formatCents(c.revisedCents)})
                      </option>
                    ))}
                  </Select>
                ),
              },
              {
                header: "Cost code (new lines)",
                className: "min-w-56",
                render: (l, u, i) =>
                  l.contractLineId ? (
                    <span className="text-xs text-slate-500">From the contract line</span>
                  ) : (
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
                header: "Change ($)",
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
      <FormFooter
        errors={save.errors}
        pending={save.isPending}
        cancelHref={initial.id ? `${base}/${initial.id}` : base}
      />
    </form>
  );
}
