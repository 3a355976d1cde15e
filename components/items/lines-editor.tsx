"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { parseMoneyToCents, formatCents } from "@/lib/format/money";

export type LineColumn<L> = {
  header: string;
  className?: string;
  render: (line: L, update: (patch: Partial<L>) => void, index: number) => ReactNode;
};

// Editable rows of an item's lines; the form owns the state, the server validates again.
export function LinesEditor<L extends { key: string; amount: string }>({
  lines,
  onChange,
  columns,
  newLine,
  error,
  addLabel = "Add line",
}: {
  lines: L[];
  onChange: (lines: L[]) => void;
  columns: LineColumn<L>[];
  newLine: () => L;
  error?: string[] | string;
  addLabel?: string;
}) {
  const total = lines.reduce((sum, line) => sum + (parseMoneyToCents(line.amount) ?? 0), 0);
  // Every problem, each naming its line ("Line 2 amount: …"), so all can be fixed before saving again.
  const messages = error === undefined ? [] : Array.isArray(error) ? error : [error];
  return (
    <div>
      <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="w-10 px-3 py-2 text-left text-xs font-semibold text-slate-500">
                #
              </th>
              {columns.map((c) => (
                <th
                  key={c.header}
                  scope="col"
                  className={`px-3 py-2 text-left text-xs font-semibold text-slate-500 ${c.className ?? ""}`}
                >
                  {c.header}
                </th>
              ))}
              <th scope="col" className="w-16 px-3 py-2">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {lines.map((line, index) => (
              <tr key={line.key} data-testid="line-row">
                <td className="px-3 py-2 text-slate-500">{index + 1}</td>
                {columns.map((c) => (
                  <td key={c.header} className={`px-3 py-2 align-top ${c.className ?? ""}`}>
                    {c.render(
                      line,
                      (patch) => onChange(lines.map((l) => (l.key === line.key ? { ...l, ...patch } : l))),
                      index,
                    )}
                  </td>
                ))}
                <td className="px-3 py-2 text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove line ${index + 1}`}
                    onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="bg-slate-50">
            <tr>
              <td colSpan={columns.length + 2} className="px-3 py-2 text-right text-sm font-semibold text-slate-700">
                Total {formatCents(total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {messages.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-xs text-red-700" data-testid="lines-errors">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <Button variant="secondary" size="sm" className="mt-2" onClick={() => onChange([...lines, newLine()])}>
        {addLabel}
      </Button>
    </div>
  );
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `line-${Date.now()}-${counter}`;
}
