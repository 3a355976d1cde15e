"use server";

// Admin-only actions of the Integration Hub. A failed live check is a normal answer (data.failure), not an
// error: the form shows which credential is wrong and keeps what was typed.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { defaultCompanyTimeZone } from "@/lib/company/time-zone";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { ZIntacctCredentialsInput } from "@/lib/integrations/sage-intacct/credentials";
import {
  connectIntacct,
  disconnectIntacct,
  ZIntacctSettingsInput,
  saveIntacctSettings,
  testIntacctConnection,
} from "@/lib/integrations/sage-intacct/service";
import { enqueueRefreshJob } from "@/lib/jobs/sync-jobs";
import { logger } from "@/lib/logger";
import { saveSyncSettings } from "@/lib/sync/settings";
import { startRefreshAfterConnect } from "@/lib/integrations/sage-intacct/references/jobs";

const PATH = "/settings/integrations";

export const connectIntacctAction = authedAction
  .metadata({ name: "connect-intacct", roles: ADMIN_ONLY })
  // The admin's browser zone rides along: it becomes the company's time zone if none is set yet (lib/company).
  .inputSchema(ZIntacctCredentialsInput.extend({ browserTimeZone: z.string().max(64).optional() }))
  .action(async ({ parsedInput, ctx }) => {
    const { browserTimeZone, ...credentials } = parsedInput;
    const outcome = await connectIntacct(ctx.db, ctx.user, credentials);
    if (outcome.ok) await defaultCompanyTimeZone(ctx.db, ctx.user, browserTimeZone);
    // The vendors, projects and cost codes load in the background (a job in a worker), ready for linking.
    // The connect itself has succeeded by now: failing to start that load must not turn it into an error.
    if (outcome.ok) {
      await startRefreshAfterConnect(ctx.db, ctx.user.companyId, (job) => enqueueRefreshJob(job)).catch(
        (error: unknown) =>
          logger.warn(
            { companyId: ctx.user.companyId, err: error },
            "could not start the reference refresh after connecting",
          ),
      );
    }
    revalidatePath(PATH, "layout");
    return outcome;
  });

export const testIntacctAction = authedAction
  .metadata({ name: "test-intacct", roles: ADMIN_ONLY })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => {
    const outcome = await testIntacctConnection(ctx.db, ctx.user);
    revalidatePath(PATH, "layout");
    return outcome;
  });

export const disconnectIntacctAction = authedAction
  .metadata({ name: "disconnect-intacct", roles: ADMIN_ONLY })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => {
    await disconnectIntacct(ctx.db, ctx.user);
    revalidatePath(PATH, "layout");
    return { ok: true };
  });

export const saveIntacctSettingsAction = authedAction
  .metadata({ name: "save-intacct-settings", roles: ADMIN_ONLY })
  .inputSchema(ZIntacctSettingsInput)
  .action(async ({ parsedInput, ctx }) => {
    const view = await saveIntacctSettings(ctx.db, ctx.user, parsedInput);
    revalidatePath(PATH, "layout");
    return { settings: view.settings };
  });

// Company-level: "Send items to accounting when they are approved", "Accounting reviews before sync" and "Check
// Intacct every N minutes" (0 = off), each audit-logged when it changes (lib/sync/settings.ts).
export const saveSyncSettingsAction = authedAction
  .metadata({ name: "save-sync-settings", roles: ADMIN_ONLY })
  .inputSchema(
    z.object({
      syncOnApproval: z.boolean(),
      accountingReviewsBeforeSync: z.boolean(),
      statusCheckMinutes: z
        .number({ error: "Enter a whole number of minutes from 0 to 1440." })
        .int("Enter a whole number of minutes from 0 to 1440.")
        .min(0, "Enter a whole number of minutes from 0 to 1440 (0 turns the scheduled check off).")
        .max(1440, "Check at least once a day: enter at most 1440 minutes."),
    }),
  )
  .action(async ({ parsedInput, ctx }) => {
    const saved = await saveSyncSettings(ctx.db, ctx.user, parsedInput);
    revalidatePath(PATH, "layout");
    return saved;
  });
