// Everything an item page shows about its sync, in one call: status, preflight or blockers, history.
import "server-only";
import { ADMIN_ONLY, CAN_EDIT, hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { getAccountingProvider } from "@/lib/integrations/registry";
import { getSyncEligibility, getSyncStatus, listSyncAttempts } from "./sync-service";

export async function loadSyncView(db: Db, user: SessionUser, itemType: ItemType, itemId: string) {
  const isAdmin = hasRole(user.role, ADMIN_ONLY);
  const provider = await getAccountingProvider(db, user.companyId);
  const [status, eligibility, attempts] = await Promise.all([
    getSyncStatus(db, user, itemType, itemId, { provider }),
    getSyncEligibility(db, user, itemType, itemId, { provider }),
    listSyncAttempts(db, user, itemType, itemId, { withXml: isAdmin }),
  ]);
  return {
    itemType,
    itemId,
    status,
    eligibility,
    // Each attempt's document named as everywhere else ("Purchase Order SC-1001"), by the provider's one label.
    attempts: attempts.map((a) => ({
      ...a,
      documentLabel: a.intacctKey ? provider.describeDocument(itemType, a.intacctKey) : "",
    })),
    canSync: hasRole(user.role, CAN_EDIT),
    isAdmin,
  };
}

export type SyncView = Awaited<ReturnType<typeof loadSyncView>>;
