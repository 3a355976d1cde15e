"use server";

// The Accounting sync page: start a run (selected items, or every ready item of a project or the company),
// follow it, cancel it, retry what failed. Admins, project managers and accountants; with "Accounting reviews before
// sync" on, only accountants and admins send (lib/sync/review.ts, enforced in startSyncRun) and they alone return an
// item to its project manager.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { CAN_REVIEW, CAN_SYNC } from "@/lib/auth/roles";
import { ZId, ZRequiredText } from "@/lib/validation/fields";
import { ItemType } from "@/lib/generated/prisma/enums";
import { enqueueSyncJobs } from "@/lib/jobs/sync-jobs";
import { listReadyCandidateIds } from "@/lib/sync/candidates";
import { returnToProjectManager } from "@/lib/sync/review";
import { cancelSyncRun, MAX_RUN_ITEMS, readSyncRun, retryFailedItems, startSyncRun } from "@/lib/sync/runs";

const PATH = "/accounting-sync";

export const startSyncRunAction = authedAction
  .metadata({ name: "start-sync-run", roles: CAN_SYNC })
  .inputSchema(
    z.object({
      items: z
        .array(z.object({ itemType: z.enum(ItemType), itemId: ZId }))
        .min(1, "Select at least one item.")
        .max(MAX_RUN_ITEMS),
    }),
  )
  .action(async ({ parsedInput, ctx }) => {
    const count = parsedInput.items.length;
    const started = await startSyncRun(
      ctx.db,
      ctx.user,
      { items: parsedInput.items, label: count === 1 ? undefined : `${count} selected items` },
      { enqueue: enqueueSyncJobs },
    );
    revalidatePath(PATH);
    return { runId: started.runId };
  });

export const syncAllReadyAction = authedAction
  .metadata({ name: "sync-all-ready", roles: CAN_SYNC })
  .inputSchema(z.object({ projectId: ZId.optional(), projectLabel: z.string().max(200).optional() }))
  .action(async ({ parsedInput, ctx }) => {
    const items = await listReadyCandidateIds(
      ctx.db,
      ctx.user.companyId,
      { projectId: parsedInput.projectId },
      MAX_RUN_ITEMS,
    );
    const started = await startSyncRun(
      ctx.db,
      ctx.user,
      {
        items,
        label: parsedInput.projectId
          ? `All ready items of ${parsedInput.projectLabel ?? "a project"}`
          : "All ready items",
      },
      { enqueue: enqueueSyncJobs },
    );
    revalidatePath(PATH);
    return { runId: started.runId };
  });

export const readSyncRunAction = authedAction
  .metadata({ name: "read-sync-run", roles: CAN_SYNC })
  .inputSchema(z.object({ runId: ZId }))
  .action(async ({ parsedInput, ctx }) => {
    const { run, counts, done, items, etaMs } = await readSyncRun(ctx.db, ctx.user.companyId, parsedInput.runId);
    return {
      run: {
        id: run.id,
        label: run.label,
        status: run.status,
        total: run.total,
        startedByName: run.startedByName,
        createdAt: run.createdAt.toISOString(),
      },
      counts,
      done,
      etaMs,
      items: items.map((i) => ({
        id: i.id,
        label: i.label,
        status: i.status,
        message: i.message,
        fixHref: i.fixHref,
        fixLabel: i.fixLabel,
        attempts: i.attempts,
      })),
    };
  });

export const cancelSyncRunAction = authedAction
  .metadata({ name: "cancel-sync-run", roles: CAN_SYNC })
  .inputSchema(z.object({ runId: ZId }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await cancelSyncRun(ctx.db, ctx.user.companyId, parsedInput.runId);
    revalidatePath(PATH);
    return result;
  });

export const retryFailedAction = authedAction
  .metadata({ name: "retry-failed-sync", roles: CAN_SYNC })
  .inputSchema(z.object({ runId: ZId }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await retryFailedItems(ctx.db, ctx.user, parsedInput.runId, { enqueue: enqueueSyncJobs });
    revalidatePath(PATH);
    return result;
  });

export const returnToProjectManagerAction = authedAction
  .metadata({ name: "return-to-project-manager", roles: CAN_REVIEW })
  .inputSchema(z.object({ itemType: z.enum(ItemType), itemId: ZId, reason: ZRequiredText(1000, "A reason") }))
  .action(async ({ parsedInput, ctx }) => {
    const returned = await returnToProjectManager(
      ctx.db,
      ctx.user,
      parsedInput.itemType,
      parsedInput.itemId,
      parsedInput.reason,
    );
    revalidatePath(PATH);
    revalidatePath("/projects", "layout");
    return { returnedByName: returned.returnedByName, returnedAt: returned.returnedAt.toISOString() };
  });
