"use server";

// "Check Intacct now" and the state the page follows: the company's status check asks the accounting system what
// became of its synced documents (approved, paid, changed, deleted). The click only enqueues the check (one per
// company; a check already queued is joined); a worker runs it. Project managers and admins, like syncing.
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { CAN_SYNC } from "@/lib/auth/roles";
import { requestStatusCheckNow } from "@/lib/jobs/status-jobs";
import { readStatusCheckState } from "@/lib/sync/status-check";
import { toStatusCheckView } from "@/lib/sync/status-check-view";

export const checkIntacctNowAction = authedAction
  .metadata({ name: "check-intacct-now", roles: CAN_SYNC })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => {
    // What the last finished check was before this one: the page knows this one ended when that changes.
    const before = await readStatusCheckState(ctx.db, ctx.user.companyId);
    await requestStatusCheckNow(ctx.db, ctx.user.companyId, { actorId: ctx.user.id });
    return { since: before.lastCheckedAt?.toISOString() ?? null };
  });

export const readStatusCheckAction = authedAction
  .metadata({ name: "read-status-check", roles: CAN_SYNC })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => toStatusCheckView(await readStatusCheckState(ctx.db, ctx.user.companyId)));
