"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { CAN_EDIT } from "@/lib/auth/roles";
import { ZId } from "@/lib/validation/fields";
import { ItemType } from "@/lib/generated/prisma/enums";
import { syncItem } from "@/lib/sync/sync-service";

// Project managers and admins sync; viewers only see the status (the wrapper enforces the declared roles).
export const syncItemAction = authedAction
  .metadata({ name: "sync-to-accounting", roles: CAN_EDIT })
  .inputSchema(z.object({ itemType: z.enum(ItemType), id: ZId }))
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await syncItem(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id);
    revalidatePath("/projects", "layout");
    return outcome;
  });
