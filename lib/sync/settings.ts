// Company-level sync settings, whatever the accounting system: "send items when they are approved", and how often
// the accounting system is asked what became of synced documents. Every change is audit-logged.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/integrations/audit";

/** `statusCheckMinutes`: the scheduled status check's interval; 0 turns it off (a check on demand still runs). */
export type SyncSettings = { syncOnApproval: boolean; statusCheckMinutes: number };

export async function getSyncSettings(db: Db, companyId: string): Promise<SyncSettings> {
  const company = await db.company.findUniqueOrThrow({
    where: { id: companyId },
    select: { syncOnApproval: true, statusCheckMinutes: true },
  });
  return { syncOnApproval: company.syncOnApproval, statusCheckMinutes: company.statusCheckMinutes };
}

const describeInterval = (minutes: number) =>
  minutes === 0 ? "off" : minutes === 1 ? "every minute" : `every ${minutes} minutes`;

/** `statusCheckMinutes` left out keeps the stored interval. */
export async function saveSyncSettings(
  db: Db,
  user: SessionUser,
  input: Pick<SyncSettings, "syncOnApproval"> & Partial<SyncSettings>,
): Promise<SyncSettings> {
  const before = await getSyncSettings(db, user.companyId);
  const settings: SyncSettings = {
    syncOnApproval: input.syncOnApproval,
    statusCheckMinutes: input.statusCheckMinutes ?? before.statusCheckMinutes,
  };
  await db.company.update({
    where: { id: user.companyId },
    data: { syncOnApproval: settings.syncOnApproval, statusCheckMinutes: settings.statusCheckMinutes },
  });
  if (before.syncOnApproval !== settings.syncOnApproval)
    await writeAudit(
      db,
      user,
      "integration.settings",
      "success",
      `Send items to accounting when they are approved: ${settings.syncOnApproval ? "on" : "off"}`,
    );
  if (before.statusCheckMinutes !== settings.statusCheckMinutes)
    await writeAudit(
      db,
      user,
      "integration.settings",
      "success",
      settings.statusCheckMinutes === 0
        ? `Check the accounting system on a schedule: off (was ${describeInterval(before.statusCheckMinutes)})`
        : `Check the accounting system ${describeInterval(settings.statusCheckMinutes)} (was ${describeInterval(before.statusCheckMinutes)})`,
    );
  return settings;
}
