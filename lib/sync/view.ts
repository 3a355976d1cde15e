// Everything an item page shows about its sync, in one call: status, preflight or blockers, history, and where it
// stands in accounting's review (lib/sync/review.ts), and what the accounting system did with the document since.
import "server-only";
import { ADMIN_ONLY, CAN_EDIT, CAN_REVIEW, CAN_SYNC, hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { getAccountingProvider } from "@/lib/integrations/registry";
import { getOpenReturn, isReviewRequired } from "./review";
import { loadItemRemoteView } from "./remote-view";
import { loadStatusCheckView } from "./status-check-view";
import { getSyncEligibility, getSyncStatus, listSyncAttempts } from "./sync-service";

export async function loadSyncView(db: Db, user: SessionUser, itemType: ItemType, itemId: string) {
  const isAdmin = hasRole(user.role, ADMIN_ONLY);
  const provider = await getAccountingProvider(db, user.companyId);
  const providerName = provider.metadata.shortName ?? provider.metadata.name;
  // Asking the accounting system what became of a document sends nothing: whoever may sync may ask, gate or not.
  const canCheck = hasRole(user.role, CAN_SYNC);
  const [status, eligibility, attempts, required, returned, remote, statusCheck] = await Promise.all([
    getSyncStatus(db, user, itemType, itemId, { provider }),
    getSyncEligibility(db, user, itemType, itemId, { provider }),
    listSyncAttempts(db, user, itemType, itemId, { withXml: isAdmin }),
    isReviewRequired(db, user.companyId),
    getOpenReturn(db, user.companyId, itemType, itemId),
    // The read-back: what the accounting system did with the document, and the company's check (for "Check now").
    loadItemRemoteView(db, user.companyId, itemType, itemId, providerName),
    canCheck ? loadStatusCheckView(db, user.companyId) : null,
  ]);
  const canReview = hasRole(user.role, CAN_REVIEW);
  const review = {
    /** The company's "Accounting reviews before sync". */
    required,
    /** This user sends what waits, or returns it (accountants and admins). */
    canReview,
    /** Returned to its project manager, not resubmitted yet. */
    returned,
    /** This user may put a returned item back in Ready for accounting. */
    canResubmit: hasRole(user.role, CAN_EDIT),
  };
  // With the gate on, a project manager's Sync would bypass accounting: the page says the item waits instead.
  const canSync = hasRole(user.role, CAN_SYNC) && (!required || canReview);
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
    canSync,
    canCheck,
    isAdmin,
    review,
    providerName,
    remote,
    statusCheck,
  };
}

export type SyncView = Awaited<ReturnType<typeof loadSyncView>>;
