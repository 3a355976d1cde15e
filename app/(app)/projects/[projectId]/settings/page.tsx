import { ProjectForm } from "@/components/items/project-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { getProject } from "@/lib/projects/projects";

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const project = await orNotFound(getProject(getDb(), user, requireUuid((await params).projectId)));
  return (
    <div className="space-y-6">
      <PageHeader title="Project Settings" />
      {hasRole(user.role, CAN_EDIT) ? (
        <ProjectForm initial={{ id: project.id, number: project.number, name: project.name, city: project.city, state: project.state }} />
      ) : (
        <Card title="Project details">
          <p className="p-4 text-sm text-slate-600">
            {project.number} · {project.name} · {[project.city, project.state].filter(Boolean).join(", ")}
          </p>
        </Card>
      )}
      <Card title="Integrations">
        <p className="p-4 text-sm text-slate-600">External Project, External Accounting Entity and GL Account are linked here once Sage Intacct is connected in Company Settings → Integration Hub.</p>
      </Card>
    </div>
  );
}
