import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

type LinesColumn<L> = { header: string; align?: "right"; cell: (line: L) => ReactNode };

/** The read-only lines of an item detail page: one card, a column per fact, a row per line. */
export function LinesTable<L extends { id: string }>({
  lines,
  columns,
  caption,
  rowTestId,
}: {
  lines: readonly L[];
  columns: readonly LinesColumn<L>[];
  caption?: string;
  rowTestId?: (line: L) => string | undefined;
}) {
  return (
    <Card title="Lines">
      <Table caption={caption}>
        <thead>
          <tr>
            {columns.map((column) => (
              <Th key={column.header} align={column.align}>
                {column.header}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line) => (
            <tr key={line.id} data-testid={rowTestId?.(line)}>
              {columns.map((column) => (
                <Td key={column.header} align={column.align}>
                  {column.cell(line)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

/** A cost code as the lines show it: the code in bold, then its name. */
export function CostCodeLabel({ costCode }: { costCode: { code: string; name: string } }) {
  return (
    <>
      <span className="font-medium">{costCode.code}</span> {costCode.name}
    </>
  );
}
