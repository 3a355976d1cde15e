"use server";

// Project Settings → Integrations: External Project, External Accounting Entity and GL Account.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { CAN_EDIT } from "@/lib/auth/roles";
import { ZProjectLinksInput, saveProjectLinks } from "@/lib/integrations/sage-intacct/references/links";

export const saveProjectLinksAction = authedAction
  .metadata({ name: "save-project-intacct-links", roles: CAN_EDIT })
  .inputSchema(ZProjectLinksInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await saveProjectLinks(ctx.db, ctx.user, parsedInput);
    revalidatePath(`/projects/${parsedInput.projectId}/settings`);
    return result;
  });
