// What the "Refresh from Intacct" panel starts from on a server-rendered page.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format/dates";
import type { ReferenceType } from "@/lib/generated/prisma/enums";
import { getRefreshStatus } from "./refresh";

export async function loadRefreshPanel(db: Db, user: SessionUser, types: ReferenceType[]) {
  const [status, connection] = await Promise.all([
    getRefreshStatus(db, user.companyId, types),
    db.integrationConnection.findUnique({
      where: { companyId_provider: { companyId: user.companyId, provider: "SAGE_INTACCT" } },
      select: { status: true, encryptedSecrets: true },
    }),
  ]);
  return {
    types,
    connected: Boolean(connection && connection.status !== "DISCONNECTED" && connection.encryptedSecrets),
    initial: {
      running: status.running,
      lastRefreshed: status.lastRefreshedAt ? formatDateTime(status.lastRefreshedAt, user.timeZone) : null,
      types: status.types.map((t) => ({
        type: t.type,
        label: t.label,
        status: t.status,
        processed: t.processed,
        error: t.error,
      })),
    },
  };
}
