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
import { listAccountingCompanies } from "@/lib/contacts/accounting-companies";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Accounting Companies" };

export default async function AccountingCompaniesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const page = readPage(sp.page);
  const q = readQuery(sp.q);
  const { rows, total } = await listAccountingCompanies(getDb(), user, { query: q, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  const canEdit = hasRole(user.role, CAN_EDIT);
  return (
    <>
      <PageHeader title="Accounting Companies" subtitle="Subcontractors and suppliers your contracts are signed with." actions={canEdit ? <ButtonLink href="/contacts/accounting-companies/new">New accounting company</ButtonLink> : null} />
      <div className="mb-4">
        <SearchForm action="/contacts/accounting-companies" defaultValue={q} placeholder="Search by name" label="Search accounting companies" />
      </div>
      {rows.length === 0 ? (
        <EmptyState title={q ? "No accounting companies match" : "No accounting companies yet"} />
      ) : (
        <Card>
          <Table caption="Accounting companies">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Tax ID</Th>
                <Th>Email</Th>
                <Th>Location</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="hover:bg-slate-50">
                  <Td className="font-medium">{canEdit ? <Link href={`/contacts/accounting-companies/${r.id}`} className="text-indigo-700 hover:underline">{r.name}</Link> : r.name}</Td>
                  <Td>{r.taxId || "—"}</Td>
                  <Td>{r.email || "—"}</Td>
                  <Td>{[r.city, r.state].filter(Boolean).join(", ")}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} total={total} basePath="/contacts/accounting-companies" params={{ q }} />
        </Card>
      )}
    </>
  );
}
