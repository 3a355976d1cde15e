// "Refresh from Intacct" as a background job: the request only checks the connection and claims the lists
// (RUNNING in ReferenceRefresh); the reads run after the response, so no request waits on Intacct and a slow
// refresh cannot time out a page. The caller supplies the scheduler (next/server `after` in a server action).
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { ReferenceType } from "@/lib/generated/prisma/enums";
import { getIntacctClientForCompany } from "@/lib/integrations/sage-intacct/client-factory";
import { logger } from "@/lib/logger";
import { claimRefresh, refreshReferences } from "./refresh";
import { REFERENCE_TYPES } from "./sources";

export const StartRefreshInput = z.object({
  types: z.array(z.enum(ReferenceType)).max(REFERENCE_TYPES.length).optional(),
  full: z.boolean().default(false),
});

export type RefreshJob = { companyId: string; types: ReferenceType[]; full: boolean };

export async function runRefreshJob(db: Db, job: RefreshJob): Promise<void> {
  try {
    await refreshReferences(db, job.companyId, { types: job.types, full: job.full });
  } catch (error) {
    // Each list's outcome is already recorded in ReferenceRefresh, where the page shows it.
    logger.warn({ companyId: job.companyId, err: error }, "reference refresh job finished with errors");
  }
}

/** Claims the lists and schedules the job; returns what was started (nothing when a refresh already runs). */
export async function startReferenceRefresh(db: Db, user: SessionUser, input: z.output<typeof StartRefreshInput>, schedule: (run: () => Promise<void>) => void): Promise<{ started: ReferenceType[] }> {
  // Fail in the request, where the user sees it, when Intacct is not connected.
  await getIntacctClientForCompany(db, user.companyId);
  const types = input.types?.length ? input.types : REFERENCE_TYPES;
  const started = await claimRefresh(db, user.companyId, types);
  if (started.length === 0) throw new AppError("CONFLICT", "A refresh from Intacct is already running. Its progress is shown on this page.");
  schedule(() => runRefreshJob(db, { companyId: user.companyId, types: started, full: input.full }));
  return { started };
}
