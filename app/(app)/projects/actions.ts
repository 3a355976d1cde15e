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
import { BudgetChangeInput, saveBudgetChange } from "@/lib/financials/budget-changes";
import { BudgetInput, saveBudget } from "@/lib/financials/budgets";
import { ContractChangeInput, saveContractChange } from "@/lib/financials/contract-changes";
import { ContractInput, saveContract } from "@/lib/financials/contracts";
import { InvoiceInput, saveInvoice } from "@/lib/financials/invoices";
import { zId, zRequiredText } from "@/lib/financials/schemas";
import { ItemType } from "@/lib/generated/prisma/enums";
import { ProjectInput, saveProject } from "@/lib/projects/projects";

export const saveProjectAction = authedAction
  .metadata({ name: "save-project", roles: CAN_EDIT })
  .inputSchema(ProjectInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await saveProject(ctx.db, ctx.user, parsedInput);
    revalidatePath("/projects");
    return result;
  });

export const saveBudgetAction = authedAction
  .metadata({ name: "save-budget", roles: CAN_EDIT })
  .inputSchema(BudgetInput)
  .action(async ({ parsedInput, ctx }) => saveBudget(ctx.db, ctx.user, parsedInput));

export const saveBudgetChangeAction = authedAction
  .metadata({ name: "save-budget-change", roles: CAN_EDIT })
  .inputSchema(BudgetChangeInput)
  .action(async ({ parsedInput, ctx }) => saveBudgetChange(ctx.db, ctx.user, parsedInput));

export const saveContractAction = authedAction
  .metadata({ name: "save-contract", roles: CAN_EDIT })
  .inputSchema(ContractInput)
  .action(async ({ parsedInput, ctx }) => saveContract(ctx.db, ctx.user, parsedInput));

export const saveContractChangeAction = authedAction
  .metadata({ name: "save-contract-change", roles: CAN_EDIT })
  .inputSchema(ContractChangeInput)
  .action(async ({ parsedInput, ctx }) => saveContractChange(ctx.db, ctx.user, parsedInput));

export const saveInvoiceAction = authedAction
  .metadata({ name: "save-invoice", roles: CAN_EDIT })
  .inputSchema(InvoiceInput)
  .action(async ({ parsedInput, ctx }) => saveInvoice(ctx.db, ctx.user, parsedInput));

const ItemRef = z.object({ itemType: z.enum(ItemType), id: zId });
// Approve and reject name the submission on the decider's screen, so a newer one is never decided unseen.
const Decision = ItemRef.extend({ seenSubmittedAt: z.iso.datetime().optional() });

export const submitItemAction = authedAction
  .metadata({ name: "submit-item", roles: CAN_EDIT })
  .inputSchema(ItemRef)
  .action(async ({ parsedInput, ctx }) => {
    await submitItem(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id);
    revalidatePath("/projects", "layout");
    return { ok: true };
  });

export const approveItemAction = authedAction
  .metadata({ name: "approve-item", roles: CAN_APPROVE })
  .inputSchema(Decision)
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
  .inputSchema(Decision.extend({ reason: zRequiredText(1000, "A reason") }))
  .action(async ({ parsedInput, ctx }) => {
    await rejectItem(ctx.db, ctx.user, parsedInput.itemType, parsedInput.id, parsedInput.reason, {
      seenSubmittedAt: parsedInput.seenSubmittedAt,
    });
    revalidatePath("/projects", "layout");
    return { ok: true };
  });
