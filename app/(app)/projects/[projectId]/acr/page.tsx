import { CostCodeMenu } from "@/components/items/cost-code-menu";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { getDb } from "@/lib/db/client";
import { formatCents, formatCentsCompact } from "@/lib/format/money";
import { buildAcr } from "@/lib/reports/acr";

type MoneyKey =
  | "originalCents"
  | "approvedChangesCents"
  | "revisedCents"
  | "committedCents"
  | "invoicedCents"
  | "paidCents"
  | "varianceCents";

// The money columns, left to right. The layout is sized for one more (eight fit 1400 px at whole dollars): a new
// column is one line here.
const COLUMNS: { key: MoneyKey; label: string }[] = [
  { key: "originalCents", label: "Original budget" },
  { key: "approvedChangesCents", label: "Approved changes" },
  { key: "revisedCents", label: "Revised budget" },
  { key: "committedCents", label: "Committed" },
  { key: "invoicedCents", label: "Invoiced" },
  { key: "paidCents", label: "Paid" },
  { key: "varianceCents", label: "Variance" },
];

// The cost code column stays in view when the table scrolls sideways (a phone): a row's numbers mean nothing
// without it. Its background hides the numbers scrolling under it.
const STICKY = "sticky left-0 z-10";
// A sticky cell is a stacking context of its own, so the ••• menu opened in one row would sit under the next rows'
// sticky cells: the cell whose menu is open goes above them.
const STICKY_WITH_MENU = `${STICKY} has-[[aria-expanded=true]]:z-30`;

export default async function AcrPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const projectId = await requireProjectId(user, (await params).projectId);
  const { rows, totals } = await buildAcr(getDb(), user, projectId);
  // Whole dollars, so every column fits beside the cost codes; the exact amount is the cell's title.
  const money = (cents: number) => (
    <span className={cents < 0 ? "text-red-700" : ""} title={formatCents(cents)}>
      {formatCentsCompact(cents)}
    </span>
  );
  return (
    <>
      <PageHeader
        title="Anticipated Cost Report"
        subtitle="Approved budget, budget changes, commitments and invoices by cost code, in whole dollars. Paid is what Sage Intacct reports paid on synced invoices, spread over each invoice's lines by amount. Variance = revised budget − committed."
      />
      {rows.length === 0 ? (
        <EmptyState title="Nothing approved yet">
          The report fills in as budgets, contracts and invoices are approved.
        </EmptyState>
      ) : (
        <Card>
          <div data-testid="acr-table">
            <Table caption="Anticipated cost report">
              <thead>
                <tr>
                  <Th dense className={STICKY}>
                    Cost code
                  </Th>
                  {COLUMNS.map((c) => (
                    <Th key={c.key} dense align="right" className="w-28 align-bottom">
                      {c.label}
                    </Th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r) => (
                  <tr key={r.costCodeId} data-testid="acr-row">
                    <Td dense wrap className={`${STICKY_WITH_MENU} bg-white`}>
                      <span
                        className="flex min-w-36 max-w-44 items-start gap-1 md:max-w-none"
                        data-testid="acr-cost-code"
                      >
                        <span>
                          <span className="font-medium">{r.code}</span> {r.name}
                        </span>
                        <CostCodeMenu costCodeId={r.costCodeId} code={r.code} returnTo={`/projects/${projectId}/acr`} />
                      </span>
                    </Td>
                    {COLUMNS.map((c) => (
                      <Td key={c.key} dense align="right">
                        {money(r[c.key])}
                      </Td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot className="bg-slate-50 font-semibold">
                <tr>
                  <Td dense className={`${STICKY} bg-slate-50`}>
                    Total
                  </Td>
                  {COLUMNS.map((c) => (
                    <Td key={c.key} dense align="right">
                      {money(totals[c.key])}
                    </Td>
                  ))}
                </tr>
              </tfoot>
            </Table>
          </div>
        </Card>
      )}
    </>
  );
}
