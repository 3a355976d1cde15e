import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PAGE_SIZE, Pagination, readPage } from "@/components/ui/pagination";
import { readQuery, SearchForm } from "@/components/ui/search-form";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { listCostCodes } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Project Cost Codes" };

export default async function CostCodesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const page = readPage(sp.page);
  const q = readQuery(sp.q);
  const { rows, total } = await listCostCodes(getDb(), user, { query: q, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  return (
    <>
      <PageHeader title="Project Cost Codes" subtitle="Your company's cost code catalog, used by every project's budget and contracts." actions={hasRole(user.role, CAN_EDIT) ? <ButtonLink href="/lists/cost-codes/new">New cost code</ButtonLink> : null} />
      <div className="mb-4">
        <SearchForm action="/lists/cost-codes" defaultValue={q} placeholder="Search by code or name" label="Search cost codes" />
      </div>
      {rows.length === 0 ? (
        <EmptyState title={q ? "No cost codes match" : "No cost codes yet"} />
      ) : (
        <Card>
          <Table caption="Project cost codes">
            <thead>
              <tr>
                <Th>Code</Th>
                <Th>Name</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="hover:bg-slate-50">
                  <Td className="font-medium">
                    <Link href={`/lists/cost-codes/${r.id}`} className="text-indigo-700 hover:underline">
                      {r.code}
                    </Link>
                  </Td>
                  <Td>{r.name}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} total={total} basePath="/lists/cost-codes" params={{ q }} />
        </Card>
      )}
    </>
  );
}
