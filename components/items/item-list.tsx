import Link from "next/link";
import type { ReactNode } from "react";
import { Card, EmptyState } from "@/components/ui/card";
import { PAGE_SIZE, Pagination } from "@/components/ui/pagination";
import { StatusFilter } from "@/components/ui/search-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { ItemStatus } from "@/lib/generated/prisma/enums";

export type ItemListRow = { id: string; href: string; number: string; title: string; cells: ReactNode[]; amount: string; status: ItemStatus };

// The list every financial item type shares: status filter, paging, number/title link, amount and status.
export function ItemList({ basePath, status, page, total, rows, headers, emptyTitle, emptyAction }: { basePath: string; status?: string; page: number; total: number; rows: ItemListRow[]; headers: string[]; emptyTitle: string; emptyAction?: ReactNode }) {
  return (
    <div className="space-y-4">
      <StatusFilter action={basePath} value={status} />
      {rows.length === 0 ? (
        <EmptyState title={status ? "Nothing with this status" : emptyTitle} action={status ? null : emptyAction} />
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>Number</Th>
                <Th>Title</Th>
                {headers.map((h) => (
                  <Th key={h}>{h}</Th>
                ))}
                <Th align="right">Amount</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50" data-testid="item-row">
                  <Td className="font-medium">
                    <Link href={row.href} className="text-indigo-700 hover:underline">
                      {row.number}
                    </Link>
                  </Td>
                  <Td>{row.title}</Td>
                  {row.cells.map((cell, i) => (
                    <Td key={headers[i]}>{cell}</Td>
                  ))}
                  <Td align="right">{row.amount}</Td>
                  <Td>
                    <StatusBadge status={row.status} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} total={total} pageSize={PAGE_SIZE} basePath={basePath} params={{ status }} />
        </Card>
      )}
    </div>
  );
}

export function sumCents(lines: { amountCents: bigint }[]): number {
  return lines.reduce((sum, l) => sum + Number(l.amountCents), 0);
}
