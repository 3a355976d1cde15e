import { ProjectLinksForm } from "@/components/links/project-links-form";
import type { PickedReference } from "@/components/links/reference-picker";
import { RefreshPanel } from "@/components/links/refresh-panel";
import { ProjectForm } from "@/components/items/project-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { getProject } from "@/lib/projects/projects";
import { getProjectLinks } from "@/lib/integrations/sage-intacct/references/links";
import { loadRefreshPanel } from "@/lib/integrations/sage-intacct/references/panel";
import type { ReferenceView } from "@/lib/integrations/sage-intacct/references/search";

// A linked id missing from the cache is still shown (as an id), so nobody mistakes it for "not linked".
function toPicked(ref: ReferenceView | null, id: string | null): PickedReference | null {
  if (ref) return { externalId: ref.externalId, name: ref.name, active: ref.active, parentId: ref.parentId };
  return id ? { externalId: id, name: "not in the records loaded from Intacct", active: true } : null;
}

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const db = getDb();
  const projectId = requireUuid((await params).projectId);
  const project = await orNotFound(getProject(db, user, projectId));
  const canEdit = hasRole(user.role, CAN_EDIT);
  const [links, panel] = await Promise.all([
    getProjectLinks(db, user, project.id),
    loadRefreshPanel(db, user, ["PROJECT", "ENTITY", "GL_ACCOUNT"]),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title="Project Settings" />
      {canEdit ? (
        <ProjectForm
          initial={{
            id: project.id,
            number: project.number,
            name: project.name,
            city: project.city,
            state: project.state,
          }}
        />
      ) : (
        <Card title="Project details">
          <p className="p-4 text-sm text-slate-600">
            {project.number} · {project.name} · {[project.city, project.state].filter(Boolean).join(", ")}
          </p>
        </Card>
      )}
      <section id="integrations" className="space-y-3">
        <RefreshPanel types={panel.types} initial={panel.initial} connected={panel.connected} canRefresh={canEdit} />
        <ProjectLinksForm
          projectId={project.id}
          readOnly={!canEdit}
          initial={{
            project: toPicked(links.project, links.ids.intacctProjectId),
            entity: toPicked(links.entity, links.ids.intacctEntityId),
            glAccount: toPicked(links.glAccount, links.ids.intacctGlAccount),
          }}
        />
      </section>
    </div>
  );
}
