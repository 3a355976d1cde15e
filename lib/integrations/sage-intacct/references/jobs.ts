// "Refresh from Intacct" as a background job: the request only checks the connection and claims the lists
// (RUNNING in ReferenceRefresh); the reads run in a worker (a durable job, lib/jobs), so no request waits on
// Intacct, a slow refresh cannot time out a page, and a restart of the web server loses nothing. The caller
// supplies the scheduler (the job queue in a server action; a list in tests).
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { ReferenceType } from "@/lib/generated/prisma/enums";
import { getIntacctClientForCompany } from "@/lib/integrations/sage-intacct/client-factory";
import { logger } from "@/lib/logger";
import { claimRefresh, refreshReferences } from "./refresh";
import { REFERENCE_TYPES } from "./sources";

export const ZStartRefreshInput = z.object({
  types: z.array(z.enum(ReferenceType)).max(REFERENCE_TYPES.length).optional(),
  full: z.boolean().default(false),
});

export type RefreshJob = { companyId: string; types: ReferenceType[]; full: boolean };

export async function runRefreshJob(db: Db, job: RefreshJob): Promise<void> {
  try {
    const results = await refreshReferences(db, job.companyId, { types: job.types, full: job.full });
    const processed = Object.fromEntries(results.map((result) => [result.type, result.processed]));
    logger.info(
      {
        companyId: job.companyId,
        full: job.full,
        processed,
        durationMs: Math.max(0, ...results.map((result) => result.durationMs)),
      },
      "reference refresh finished",
    );
  } catch (error) {
    // Each list's outcome is already recorded in ReferenceRefresh, where the page shows it.
    logger.warn({ companyId: job.companyId, err: error }, "reference refresh job finished with errors");
  }
}

type Schedule = (job: RefreshJob) => Promise<void> | void;

/**
 * Claims the lists and schedules the job; returns what was started. When a refresh of them already runs (say, the
 * one a connect started), nothing new starts and the page simply follows that one's progress.
 */
export async function startReferenceRefresh(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZStartRefreshInput>,
  schedule: Schedule,
): Promise<{ started: ReferenceType[] }> {
  // Fail in the request, where the user sees it, when Intacct is not connected.
  await getIntacctClientForCompany(db, user.companyId);
  const types = input.types?.length ? input.types : REFERENCE_TYPES;
  const started = await claimRefresh(db, user.companyId, types);
  if (started.length > 0) await schedule({ companyId: user.companyId, types: started, full: input.full });
  return { started };
}

/**
 * Right after a successful connect: load every list the pickers and the sync need, so an admin can go straight
 * to linking vendors, projects and cost codes (no "Refresh from Intacct" first). Full, because the connection may
 * now point at another Intacct company than the cache was filled from.
 */
export async function startRefreshAfterConnect(db: Db, companyId: string, schedule: Schedule): Promise<void> {
  const started = await claimRefresh(db, companyId, REFERENCE_TYPES);
  if (started.length > 0) await schedule({ companyId, types: started, full: true });
}
