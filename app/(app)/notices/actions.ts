"use server";

// Notices are the signed-in user's own: marking read touches only their notices in their company, whatever ids come in.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { ANY_ROLE } from "@/lib/auth/roles";
import { markNoticesRead } from "@/lib/sync/status-check";
import { ZId } from "@/lib/validation/fields";

export const markNoticesReadAction = authedAction
  .metadata({ name: "mark-notices-read", roles: ANY_ROLE })
  .inputSchema(z.object({ ids: z.array(ZId).min(1, "Choose a notice to mark read.").max(500) }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await markNoticesRead(ctx.db, ctx.user.companyId, ctx.user.id, parsedInput.ids);
    revalidatePath("/", "layout");
    return result;
  });
