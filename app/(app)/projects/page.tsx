import type { Metadata } from "next";
import Link from "next/link";
import { ProjectSuggestions } from "@/components/links/project-suggestions";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PAGE_SIZE, Pagination, readPage } from "@/components/ui/pagination";
import { readQuery, SearchForm } from "@/components/ui/search-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/current-user";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { suggestProjectLinks } from "@/lib/integrations/sage-intacct/references/links";
import { listProjects } from "@/lib/projects/projects";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const params = await searchParams;
  const page = readPage(params.page);
  const q = readQuery(params.q);
  const db = getDb();
  const canEdit = hasRole(user.role, CAN_EDIT);
  const [{ rows, total }, suggestions] = await Promise.all([
    listProjects(db, user, { query: q, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    canEdit ? suggestProjectLinks(db, user) : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader
        title="Projects"
        subtitle="Budgets, contracts, changes and invoices for each job."
        actions={canEdit ? <ButtonLink href="/projects/new">New project</ButtonLink> : null}
      />
      {canEdit ? (
        <div className="mb-4 empty:hidden">
          <ProjectSuggestions rows={suggestions} />
        </div>
      ) : null}
      <div className="mb-4">
        <SearchForm
          action="/projects"
          defaultValue={q}
          placeholder="Search by name or number"
          label="Search projects"
        />
      </div>
      {rows.length === 0 ? (
        <EmptyState title={q ? "No projects match your search" : "No projects yet"}>
          {q ? "Try another name or number." : "Create your first project to start budgeting."}
        </EmptyState>
      ) : (
        <Card>
          <Table caption="Projects">
            <thead>
              <tr>
                <Th>Number</Th>
                <Th>Name</Th>
                <Th>Location</Th>
                <Th>Budget</Th>
                <Th align="right">Contracts</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.id} className="hover:bg-slate-50">
                  <Td className="font-medium">{p.number}</Td>
                  <Td>
                    <Link href={`/projects/${p.id}/budget`} className="font-medium text-indigo-700 hover:underline">
                      {p.name}
                    </Link>
                  </Td>
                  <Td>{[p.city, p.state].filter(Boolean).join(", ")}</Td>
                  <Td>
                    {p.budget ? <StatusBadge status={p.budget.status} /> : <span className="text-slate-500">None</span>}
                  </Td>
                  <Td align="right">{p._count.contracts}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} total={total} basePath="/projects" params={{ q }} />
        </Card>
      )}
    </>
  );
}
