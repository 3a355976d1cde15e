"use server";

// Reference cache actions shared by the linking pages: picker search, "Refresh from Intacct" and its progress.
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { ANY_ROLE, CAN_EDIT } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format/dates";
import { ReferenceType } from "@/lib/generated/prisma/enums";
import { enqueueRefreshJob } from "@/lib/jobs/sync-jobs";
import { getAccountingProvider } from "@/lib/integrations/registry";
import {
  getRefreshStatus,
  startReferenceRefresh,
  ZStartRefreshInput,
} from "@/lib/integrations/sage-intacct/references";

// Pickers exist for these lists only; the rest of the cache serves the sync.
const PICKER_TYPES = [
  "VENDOR",
  "PROJECT",
  "ENTITY",
  "GL_ACCOUNT",
  "STANDARD_TASK",
] as const satisfies readonly ReferenceType[];

export const searchReferencesAction = authedAction
  .metadata({ name: "search-references", roles: CAN_EDIT })
  .inputSchema(
    z.object({ type: z.enum(PICKER_TYPES), query: z.string().max(200, "Search for at most 200 characters") }),
  )
  .action(async ({ parsedInput, ctx }) => {
    // New links never use inactive records, so the picker does not offer them.
    const provider = await getAccountingProvider(ctx.db, ctx.user.companyId);
    return provider.searchReferences(ctx.db, ctx.user.companyId, parsedInput.type, parsedInput.query, { limit: 20 });
  });

export const startRefreshAction = authedAction
  .metadata({ name: "start-reference-refresh", roles: CAN_EDIT })
  .inputSchema(ZStartRefreshInput)
  .action(async ({ parsedInput, ctx }) => {
    // A durable job: a worker runs it, outside the request's time limit, and a restart loses nothing.
    return startReferenceRefresh(ctx.db, ctx.user, parsedInput, (job) => enqueueRefreshJob(job));
  });

export const readRefreshStatusAction = authedAction
  .metadata({ name: "read-reference-refresh", roles: ANY_ROLE })
  .inputSchema(z.object({ types: z.array(z.enum(ReferenceType)).min(1).max(10) }))
  .action(async ({ parsedInput, ctx }) => {
    const status = await getRefreshStatus(ctx.db, ctx.user.companyId, parsedInput.types);
    return {
      running: status.running,
      lastRefreshed: status.lastRefreshedAt ? formatDateTime(status.lastRefreshedAt, ctx.user.timeZone) : null,
      types: status.types.map((t) => ({
        type: t.type,
        label: t.label,
        status: t.status,
        processed: t.processed,
        error: t.error,
      })),
    };
  });
