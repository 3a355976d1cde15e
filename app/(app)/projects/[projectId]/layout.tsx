import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";
import { requireUser } from "@/lib/auth/current-user";
import { findProject } from "@/lib/auth/page-helpers";

const TABS = [
  ["budget", "Budget"],
  ["acr", "ACR"],
  ["budget-changes", "Budget Changes"],
  ["contracts", "Contracts"],
  ["contract-changes", "Contract Changes"],
  ["invoices", "Invoices"],
  ["settings", "Project Settings"],
] as const;

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const user = await requireUser();
  const project = await findProject(user, (await params).projectId);
  return (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
        {project.number} · {[project.city, project.state].filter(Boolean).join(", ")}
      </p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900" data-testid="project-name">
        {project.name}
      </h1>
      <nav aria-label="Project" className="mb-6 mt-4 flex gap-6 overflow-x-auto border-b border-slate-200">
        {TABS.map(([slug, label]) => (
          <NavLink key={slug} variant="tab" href={`/projects/${project.id}/${slug}`}>
            {label}
          </NavLink>
        ))}
      </nav>
      {children}
    </div>
  );
}
