import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

// Step one of a new contract change or invoice: which approved contract it belongs to.
export function ChooseContract({
  title,
  subtitle,
  emptyText,
  contracts,
}: {
  title: string;
  subtitle: string;
  emptyText: string;
  contracts: { id: string; number: string; title: string; accountingCompany: { name: string } }[];
}) {
  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      {contracts.length === 0 ? (
        <EmptyState title="No approved contracts">{emptyText}</EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {contracts.map((c) => (
              <li key={c.id} className="flex items-center justify-between px-4 py-3 text-sm">
                <span>
                  {c.number} · {c.title} · {c.accountingCompany.name}
                </span>
                <ButtonLink size="sm" variant="secondary" href={`?contractId=${c.id}`}>
                  Choose
                </ButtonLink>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
