"use server";

// Server actions for projects and their financial items. Each one: the shared wrapper (session, company, the
// declared roles, zod) → a domain service in lib/ that scopes every query to the user's company.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { CAN_APPROVE, CAN_EDIT } from "@/lib/auth/roles";
import { approveItem, rejectItem, submitItem } from "@/lib/financials/approval";
import { enqueueSyncJobs } from "@/lib/jobs/sync-jobs";
import { syncOnApproval } from "@/lib/sync/runs";
import { ZBudgetChangeInput, saveBudgetChange } from "@/lib/financials/budget-changes";
import { ZBudgetInput, saveBudget } from "@/lib/financials/budgets";
import { ZContractChangeInput, saveContractChange } from "@/lib/financials/contract-changes";
import { ZContractInput, saveContract } from "@/lib/financials/contracts";
import { ZInvoiceInput, saveInvoice } from "@/lib/financials/invoices";
import { ZId, ZRequiredText } from "@/lib/validation/fields";
import { ItemType } from "@/lib/generated/prisma/enums";
import { ZProjectInput, saveProject } from "@/lib/projects/projects";

export const saveProjectAction = authedAction
  .metadata({ name: "save-project", roles: CAN_EDIT })
  .inputSchema(ZProjectInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await saveProject(ctx.db, ctx.user, parsedInput);
    revalidatePath("/projects");
    return result;
  });

export const saveBudgetAction = authedAction
  .metadata({ name: "save-budget", roles: CAN_EDIT })
  .inputSchema(ZBudgetInput)
  .action(async ({ parsedInput, ctx }) => saveBudget(ctx.db, ctx.user, parsedInput));

export const saveBudgetChangeAction = authedAction
  .metadata({ name: "save-budget-change", roles: CAN_EDIT })
  .inputSchema(ZBudgetChangeInput)
  .action(async ({ parsedInput, ctx }) => saveBudgetChange(ctx.db, ctx.user, parsedInput));

export const saveContractAction = authedAction
  .metadata({ name: "save-contract", roles: CAN_EDIT })
  .inputSchema(ZContractInput)
  .action(async ({ parsedInput, ctx }) => saveContract(ctx.db, ctx.user, parsedInput));

export const saveContractChangeAction = authedAction
  .metadata({ name: "save-contract-change", roles: CAN_EDIT })
  .inputSchema(ZContractChangeInput)
  .action(async ({ parsedInput, ctx }) => saveContractChange(ctx.db, ctx.user, parsedInput));

export const saveInvoiceAction = authedAction
  .metadata({ name: "save-invoice", roles: CAN_EDIT })
  .inputSchema(ZInvoiceInput)
  .action(async ({ parsedInput, ctx }) => saveInvoice(ctx.db, ctx.user, parsedInput));

const ZItemRef = z.object({ itemType: z.enum(ItemType), id: ZId });
// Approve and reject name the submission on the decider's screen, so a newer one is never decided unseen.
const ZDecision = ZItemRef.extend({ seenSubmittedAt: z.iso.datetime().optional() });

export const submitItemAction = authedAction
  .metadata({ name: "submit-item", roles: CAN_EDIT })
  .inputSchema(ZItemRef)
  .action(async ({ parsedInput, ctx }) => {
    await submitItem(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id);
    revalidatePath("/projects", "layout");
    return { ok: true };
  });

export const approveItemAction = authedAction
  .metadata({ name: "approve-item", roles: CAN_APPROVE })
  .inputSchema(ZDecision)
  .action(async ({ parsedInput, ctx }) => {
    await approveItem(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id, {
      seenSubmittedAt: parsedInput.seenSubmittedAt,
    });
    // "Send items to accounting when they are approved" (Integration Hub): the approval enqueues the sync.
    await syncOnApproval(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id, { enqueue: enqueueSyncJobs });
    revalidatePath("/projects", "layout");
    return { ok: true };
  });

export const rejectItemAction = authedAction
  .metadata({ name: "reject-item", roles: CAN_APPROVE })
  .inputSchema(ZDecision.extend({ reason: ZRequiredText(1000, "A reason") }))
  .action(async ({ parsedInput, ctx }) => {
    await rejectItem(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id, parsedInput.reason, {
      seenSubmittedAt: parsedInput.seenSubmittedAt,
    });
    revalidatePath("/projects", "layout");
    return { ok: true };
  });
