import { AddProjectTasks } from "@/components/links/add-project-tasks";
import { CreateProjectInIntacct } from "@/components/links/create-in-intacct";
import { ProjectLinksForm } from "@/components/links/project-links-form";
import type { PickedReference } from "@/components/links/reference-picker";
import { RefreshPanel } from "@/components/links/refresh-panel";
import { ProjectForm } from "@/components/items/project-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { ADMIN_ONLY, CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { getProject } from "@/lib/projects/projects";
import { findMissingProjectTasks } from "@/lib/integrations/sage-intacct/project-task-creation";
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
  const isAdmin = hasRole(user.role, ADMIN_ONLY);
  const [links, panel, tasks] = await Promise.all([
    getProjectLinks(db, user, project.id),
    loadRefreshPanel(db, user, ["PROJECT", "ENTITY", "GL_ACCOUNT"]),
    findMissingProjectTasks(db, user.companyId, project.id),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Project Settings"
        subtitle={
          <nav aria-label="Project Settings sections" className="flex gap-4">
            <a href="#details" className="font-medium text-indigo-700 hover:underline">
              Details
            </a>
            <a href="#integrations" className="font-medium text-indigo-700 hover:underline">
              Integrations
            </a>
          </nav>
        }
      />
      <div id="details" className="scroll-mt-4">
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
      </div>
      <section id="integrations" aria-labelledby="integrations-heading" className="scroll-mt-4 space-y-3">
        <h2 id="integrations-heading" className="text-lg font-semibold text-slate-900">
          Integrations
        </h2>
        <RefreshPanel types={panel.types} initial={panel.initial} connected={panel.connected} canRefresh={canEdit} />
        <ProjectLinksForm
          // A link made elsewhere on the page (Create in Intacct) is a new starting point for the form.
          key={links.ids.intacctProjectId ?? ""}
          projectId={project.id}
          readOnly={!canEdit}
          initial={{
            project: toPicked(links.project, links.ids.intacctProjectId),
            entity: toPicked(links.entity, links.ids.intacctEntityId),
            glAccount: toPicked(links.glAccount, links.ids.intacctGlAccount),
          }}
        />
        {isAdmin && panel.connected ? (
          <CreateProjectInIntacct
            projectId={project.id}
            number={project.number}
            entity={toPicked(links.entity, links.ids.intacctEntityId)}
            linked={Boolean(links.ids.intacctProjectId)}
          />
        ) : null}
        {tasks.intacctProjectId ? (
          <div className="space-y-3">
            {tasks.missing.length > 0 || tasks.unavailable.length > 0 ? (
              <Card title={`Tasks of Intacct project ${tasks.intacctProjectId}`}>
                <div className="space-y-3 p-4 text-sm" data-testid="missing-project-tasks">
                  {tasks.missing.length ? (
                    <>
                      <p className="text-slate-700">
                        Lines on these cost codes sync without a cost code until the Intacct project has their task:
                      </p>
                      <ul className="list-inside list-disc text-slate-700">
                        {tasks.missing.map((m) => (
                          <li key={m.standardTaskId}>
                            {m.standardTaskId} {m.name} (used by {m.costCodes.join(", ")})
                          </li>
                        ))}
                      </ul>
                      {canEdit ? null : <p className="text-slate-600">A project manager or admin can add them here.</p>}
                    </>
                  ) : null}
                  {tasks.unavailable.length ? (
                    <p className="text-amber-800">
                      {tasks.unavailable.map((u) => `${u.standardTaskId} (${u.costCodes.join(", ")})`).join("; ")}{" "}
                      {tasks.unavailable.length === 1 ? "is" : "are"} not an active standard cost code in Intacct: link{" "}
                      {tasks.unavailable.length === 1 ? "that cost code" : "those cost codes"} to another one, or
                      reactivate it in Intacct.
                    </p>
                  ) : null}
                </div>
              </Card>
            ) : null}
            {canEdit ? (
              <AddProjectTasks
                projectId={project.id}
                intacctProjectId={tasks.intacctProjectId}
                standardTaskIds={tasks.missing.map((m) => m.standardTaskId)}
              />
            ) : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}
