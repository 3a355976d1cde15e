// Everything an item page shows about its sync, in one call: status, preflight or blockers, history.
import "server-only";
import { ADMIN_ONLY, CAN_EDIT, hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { getAccountingProvider } from "@/lib/integrations/registry";
import { loadItemRemoteView } from "./remote-view";
import { loadStatusCheckView } from "./status-check-view";
import { getSyncEligibility, getSyncStatus, listSyncAttempts } from "./sync-service";

export async function loadSyncView(db: Db, user: SessionUser, itemType: ItemType, itemId: string) {
  const isAdmin = hasRole(user.role, ADMIN_ONLY);
  const provider = await getAccountingProvider(db, user.companyId);
  const canSync = hasRole(user.role, CAN_EDIT);
  const providerName = provider.metadata.shortName ?? provider.metadata.name;
  const [status, eligibility, attempts, remote, statusCheck] = await Promise.all([
    getSyncStatus(db, user, itemType, itemId, { provider }),
    getSyncEligibility(db, user, itemType, itemId, { provider }),
    listSyncAttempts(db, user, itemType, itemId, { withXml: isAdmin }),
    // The read-back: what the accounting system did with the document, and the company's check (for "Check now").
    loadItemRemoteView(db, user.companyId, itemType, itemId, providerName),
    canSync ? loadStatusCheckView(db, user.companyId) : null,
  ]);
  return { itemType, itemId, status, eligibility, attempts, canSync, isAdmin, providerName, remote, statusCheck };
}

export type SyncView = Awaited<ReturnType<typeof loadSyncView>>;
