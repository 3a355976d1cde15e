"use server";

// Project Settings → Integrations: External Project, External Accounting Entity and GL Account.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { ADMIN_ONLY, CAN_EDIT } from "@/lib/auth/roles";
import { createProjectsInIntacct, ZCreateProjectsInput } from "@/lib/integrations/sage-intacct/create-in-intacct";
import { addMissingProjectTasks, ZAddProjectTasksInput } from "@/lib/integrations/sage-intacct/project-task-creation";
import {
  acceptProjectSuggestions,
  ZAcceptSuggestionsInput,
  ZProjectLinksInput,
  saveProjectLinks,
} from "@/lib/integrations/sage-intacct/references/links";

export const saveProjectLinksAction = authedAction
  .metadata({ name: "save-project-intacct-links", roles: CAN_EDIT })
  .inputSchema(ZProjectLinksInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await saveProjectLinks(ctx.db, ctx.user, parsedInput);
    revalidatePath(`/projects/${parsedInput.projectId}/settings`);
    return result;
  });

// "Add N tasks to Intacct project P-1001", from Project Settings and from an item's preflight.
export const addProjectTasksAction = authedAction
  .metadata({ name: "add-intacct-project-tasks", roles: CAN_EDIT })
  .inputSchema(ZAddProjectTasksInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await addMissingProjectTasks(ctx.db, ctx.user, parsedInput);
    revalidatePath(`/projects/${parsedInput.projectId}`, "layout");
    return result;
  });

// Create in Intacct: a PROJECT from this project (our number, its entity), then linked (admins).
export const createProjectsInIntacctAction = authedAction
  .metadata({ name: "create-intacct-projects", roles: ADMIN_ONLY })
  .inputSchema(ZCreateProjectsInput)
  .action(async ({ parsedInput, ctx }) => {
    const outcomes = await createProjectsInIntacct(ctx.db, ctx.user, parsedInput);
    for (const p of parsedInput.projects) revalidatePath(`/projects/${p.projectId}`, "layout");
    return outcomes;
  });

// Project suggestions by number and name: Accept one, or Link all suggested.
export const acceptProjectSuggestionsAction = authedAction
  .metadata({ name: "accept-project-suggestions", roles: CAN_EDIT })
  .inputSchema(ZAcceptSuggestionsInput)
  .action(async ({ parsedInput, ctx }) => {
    const summary = await acceptProjectSuggestions(ctx.db, ctx.user, parsedInput);
    revalidatePath("/projects", "layout");
    return summary;
  });
