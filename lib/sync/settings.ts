// Company-level sync settings, whatever the accounting system: today "send items when they are approved".
// Every change is audit-logged.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/integrations/audit";

export type SyncSettings = { syncOnApproval: boolean };

export async function getSyncSettings(db: Db, companyId: string): Promise<SyncSettings> {
  const company = await db.company.findUniqueOrThrow({ where: { id: companyId }, select: { syncOnApproval: true } });
  return { syncOnApproval: company.syncOnApproval };
}

export async function saveSyncSettings(db: Db, user: SessionUser, settings: SyncSettings): Promise<SyncSettings> {
  const before = await getSyncSettings(db, user.companyId);
  await db.company.update({ where: { id: user.companyId }, data: { syncOnApproval: settings.syncOnApproval } });
  if (before.syncOnApproval !== settings.syncOnApproval)
    await writeAudit(
      db,
      user,
      "integration.settings",
      "success",
      `Send items to accounting when they are approved: ${settings.syncOnApproval ? "on" : "off"}`,
    );
  return settings;
}
