"use client";

import { Select, TextInput } from "@/components/forms/fields";
import { CostCodeSelect, type CostCodeOption } from "../cost-code-select";
import type { LineColumn } from "../lines-editor";

// The columns of the item forms' lines editors. Each names its input by line ("Line 2 amount") for screen readers
// and for the errors the server names the same way.

export function costCodeColumn<L extends { costCodeId: string }>(
  costCodes: CostCodeOption[],
  { header = "Cost code", className = "min-w-64" }: { header?: string; className?: string } = {},
): LineColumn<L> {
  return {
    header,
    className,
    render: (line, update, i) => (
      <CostCodeSelect
        id={`line-${i}-cost-code`}
        label={`Line ${i + 1} cost code`}
        value={line.costCodeId}
        options={costCodes}
        onChange={(costCodeId) => update({ costCodeId } as Partial<L>)}
      />
    ),
  };
}

export function descriptionColumn<L extends { description: string }>(className = "min-w-64"): LineColumn<L> {
  return {
    header: "Description",
    className,
    render: (line, update, i) => (
      <TextInput
        aria-label={`Line ${i + 1} description`}
        value={line.description}
        onChange={(e) => update({ description: e.target.value } as Partial<L>)}
      />
    ),
  };
}

export function amountColumn<L extends { amount: string }>(header: string, className = "w-40"): LineColumn<L> {
  return {
    header,
    className,
    render: (line, update, i) => (
      <TextInput
        aria-label={`Line ${i + 1} amount`}
        inputMode="decimal"
        value={line.amount}
        onChange={(e) => update({ amount: e.target.value } as Partial<L>)}
      />
    ),
  };
}

/** A contract line of the item's contract, with its balance (`describe`); `pick` is what choosing one changes. */
export function contractLineColumn<
  L extends { contractLineId: string },
  O extends { id: string; lineNo: number; label: string },
>({
  options,
  emptyLabel,
  describe,
  pick = (contractLineId) => ({ contractLineId }) as Partial<L>,
  className,
}: {
  options: O[];
  emptyLabel: string;
  describe: (option: O) => string;
  pick?: (contractLineId: string) => Partial<L>;
  className: string;
}): LineColumn<L> {
  return {
    header: "Contract line",
    className,
    render: (line, update, i) => (
      <Select
        aria-label={`Line ${i + 1} contract line`}
        value={line.contractLineId}
        onChange={(e) => update(pick(e.target.value))}
      >
        <option value="">{emptyLabel}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.lineNo}. {option.label} ({describe(option)})
          </option>
        ))}
      </Select>
    ),
  };
}
