// Company-level sync settings, whatever the accounting system: "send items when they are approved" and "accounting
// reviews before sync" (lib/sync/review.ts). Every change is audit-logged.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/integrations/audit";

export type SyncSettings = { syncOnApproval: boolean; accountingReviewsBeforeSync: boolean };

export async function getSyncSettings(db: Db, companyId: string): Promise<SyncSettings> {
  const company = await db.company.findUniqueOrThrow({
    where: { id: companyId },
    select: { syncOnApproval: true, accountingReviewsBeforeSync: true },
  });
  return { syncOnApproval: company.syncOnApproval, accountingReviewsBeforeSync: company.accountingReviewsBeforeSync };
}

const onOff = (on: boolean) => (on ? "on" : "off");

/** Saves what is given (a form may send one of the two); each change is its own audit row. */
export async function saveSyncSettings(
  db: Db,
  user: SessionUser,
  settings: Partial<SyncSettings>,
): Promise<SyncSettings> {
  const before = await getSyncSettings(db, user.companyId);
  const after = { ...before, ...settings };
  await db.company.update({
    where: { id: user.companyId },
    data: { syncOnApproval: after.syncOnApproval, accountingReviewsBeforeSync: after.accountingReviewsBeforeSync },
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
  return after;
}
