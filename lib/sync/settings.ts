// Company-level sync settings, whatever the accounting system: "send items when they are approved", "accounting
// reviews before sync" (lib/sync/review.ts), and how often the accounting system is asked what became of synced
// documents. Every change is audit-logged.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/integrations/audit";
import { rescheduleStatusCheck } from "./status-check";

/** `statusCheckMinutes`: the scheduled status check's interval; 0 turns it off (a check on demand still runs). */
export type SyncSettings = {
  syncOnApproval: boolean;
  accountingReviewsBeforeSync: boolean;
  statusCheckMinutes: number;
};

export async function getSyncSettings(db: Db, companyId: string): Promise<SyncSettings> {
  const company = await db.company.findUniqueOrThrow({
    where: { id: companyId },
    select: { syncOnApproval: true, accountingReviewsBeforeSync: true, statusCheckMinutes: true },
  });
  return {
    syncOnApproval: company.syncOnApproval,
    accountingReviewsBeforeSync: company.accountingReviewsBeforeSync,
    statusCheckMinutes: company.statusCheckMinutes,
  };
}

const onOff = (on: boolean) => (on ? "on" : "off");
const describeInterval = (minutes: number) =>
  minutes === 0 ? "off" : minutes === 1 ? "every minute" : `every ${minutes} minutes`;

/** Saves what is given (a form may send some of them); each change is its own audit row. */
export async function saveSyncSettings(
  db: Db,
  user: SessionUser,
  settings: Partial<SyncSettings>,
): Promise<SyncSettings> {
  const before = await getSyncSettings(db, user.companyId);
  const after = { ...before, ...settings };
  await db.company.update({
    where: { id: user.companyId },
    data: {
      syncOnApproval: after.syncOnApproval,
      accountingReviewsBeforeSync: after.accountingReviewsBeforeSync,
      statusCheckMinutes: after.statusCheckMinutes,
    },
  });
  if (before.syncOnApproval !== after.syncOnApproval)
    await writeAudit(
      db,
      user,
      "integration.settings",
      "success",
      `Send items to accounting when they are approved: ${onOff(after.syncOnApproval)}`,
    );
  if (before.accountingReviewsBeforeSync !== after.accountingReviewsBeforeSync)
    await writeAudit(
      db,
      user,
      "integration.settings",
      "success",
      `Accounting reviews before sync: ${onOff(after.accountingReviewsBeforeSync)}`,
    );
  if (before.statusCheckMinutes !== after.statusCheckMinutes) {
    await rescheduleStatusCheck(db, user.companyId, after.statusCheckMinutes);
    await writeAudit(
      db,
      user,
      "integration.settings",
      "success",
      after.statusCheckMinutes === 0
        ? `Check the accounting system on a schedule: off (was ${describeInterval(before.statusCheckMinutes)})`
        : `Check the accounting system ${describeInterval(after.statusCheckMinutes)} (was ${describeInterval(before.statusCheckMinutes)})`,
    );
  }
  return after;
}
