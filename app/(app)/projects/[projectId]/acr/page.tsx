import { CostCodeMenu } from "@/components/items/cost-code-menu";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { getDb } from "@/lib/db/client";
import { formatCents } from "@/lib/format/money";
import { buildAcr } from "@/lib/reports/acr";

export default async function AcrPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const projectId = await requireProjectId(user, (await params).projectId);
  const { rows, totals } = await buildAcr(getDb(), user, projectId);
  const money = (cents: number) => <span className={cents < 0 ? "text-red-700" : ""}>{formatCents(cents)}</span>;
  return (
    <>
      <PageHeader
        title="Anticipated Cost Report"
        subtitle="Approved budget, budget changes, commitments and invoices by cost code. Paid is what Sage Intacct reports paid on synced invoices, spread over each invoice's lines by amount. Variance = revised budget − committed."
      />
      {rows.length === 0 ? (
        <EmptyState title="Nothing approved yet">
          The report fills in as budgets, contracts and invoices are approved.
        </EmptyState>
      ) : (
        <Card>
          <Table caption="Anticipated cost report">
            <thead>
              <tr>
                <Th>Cost code</Th>
                <Th align="right">Original budget</Th>
                <Th align="right">Approved changes</Th>
                <Th align="right">Revised budget</Th>
                <Th align="right">Committed</Th>
                <Th align="right">Invoiced</Th>
                <Th align="right">Paid</Th>
                <Th align="right">Variance</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.costCodeId} data-testid="acr-row">
                  <Td>
                    <span className="inline-flex items-center gap-2">
                      <span className="font-medium">{r.code}</span> {r.name}
                      <CostCodeMenu costCodeId={r.costCodeId} code={r.code} returnTo={`/projects/${projectId}/acr`} />
                    </span>
                  </Td>
                  <Td align="right">{money(r.originalCents)}</Td>
                  <Td align="right">{money(r.approvedChangesCents)}</Td>
                  <Td align="right">{money(r.revisedCents)}</Td>
                  <Td align="right">{money(r.committedCents)}</Td>
                  <Td align="right">{money(r.invoicedCents)}</Td>
                  <Td align="right">{money(r.paidCents)}</Td>
                  <Td align="right">{money(r.varianceCents)}</Td>
                </tr>
              ))}
            </tbody>
            <tfoot className="bg-slate-50 font-semibold">
              <tr>
                <Td>Total</Td>
                <Td align="right">{money(totals.originalCents)}</Td>
                <Td align="right">{money(totals.approvedChangesCents)}</Td>
                <Td align="right">{money(totals.revisedCents)}</Td>
                <Td align="right">{money(totals.committedCents)}</Td>
                <Td align="right">{money(totals.invoicedCents)}</Td>
                <Td align="right">{money(totals.paidCents)}</Td>
                <Td align="right">{money(totals.varianceCents)}</Td>
              </tr>
            </tfoot>
          </Table>
        </Card>
      )}
    </>
  );
}
