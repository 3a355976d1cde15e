"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { ADMIN_ONLY, ANY_ROLE, CAN_EDIT, CAN_SYNC } from "@/lib/auth/roles";
import { ZId, ZText } from "@/lib/validation/fields";
import { ItemType } from "@/lib/generated/prisma/enums";
import { enqueueSyncJobs } from "@/lib/jobs/sync-jobs";
import { resubmitToAccounting } from "@/lib/sync/review";
import { sendAgainAsNewDocumentNow } from "@/lib/jobs/status-jobs";
import { readItemSyncProgress, requestItemSync } from "@/lib/sync/runs";

const ZItemRef = z.object({ itemType: z.enum(ItemType), id: ZId });

// Project managers, accountants and admins sync (with "Accounting reviews before sync" on, only accountants and
// admins: requestItemSync refuses the others); viewers only see the status (the wrapper enforces the declared roles). The
// click only enqueues: a worker sends it, and the page follows it (readItemSyncProgressAction) even if the tab
// is closed meanwhile.
export const syncItemAction = authedAction
  .metadata({ name: "sync-to-accounting", roles: CAN_SYNC })
  .inputSchema(ZItemRef)
  .action(async ({ parsedInput, ctx }) => {
    const queued = await requestItemSync(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id, {
      enqueue: enqueueSyncJobs,
    });
    revalidatePath("/projects", "layout");
    return queued;
  });

export const readItemSyncProgressAction = authedAction
  .metadata({ name: "read-sync-progress", roles: ANY_ROLE })
  .inputSchema(ZItemRef)
  .action(async ({ parsedInput, ctx }) =>
    readItemSyncProgress(ctx.db, ctx.user.companyId, parsedInput.itemType, parsedInput.id),
  );

// An item accounting returned goes back to Ready for accounting once its project manager has dealt with the reason.
export const resubmitToAccountingAction = authedAction
  .metadata({ name: "resubmit-to-accounting", roles: CAN_EDIT })
  .inputSchema(ZItemRef.extend({ note: ZText(1000) }))
  .action(async ({ parsedInput, ctx }) => {
    await resubmitToAccounting(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id, parsedInput.note);
    revalidatePath("/projects", "layout");
    revalidatePath("/accounting-sync");
    return { ok: true };
  });

// Admins only: after the accounting system reports the document deleted, send the item again as a new document (a
// new generation of control ids, so the deleted one's are never reused). The service refuses anything not deleted.
export const sendAgainAsNewDocumentAction = authedAction
  .metadata({ name: "send-again-as-new-document", roles: ADMIN_ONLY })
  .inputSchema(ZItemRef)
  .action(async ({ parsedInput, ctx }) => {
    // A run of its own (queued here), so the item page follows the new document's sync like any other.
    const sent = await sendAgainAsNewDocumentNow(
      ctx.db,
      ctx.user.companyId,
      { itemType: parsedInput.itemType, itemId: parsedInput.id },
      ctx.user,
    );
    revalidatePath("/projects", "layout");
    return sent;
  });
