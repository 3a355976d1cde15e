import type { ReactNode } from "react";
import { ApprovalActions } from "@/components/items/approval-actions";
import { History } from "@/components/items/history";
import { DateTime } from "@/components/ui/time-zone";
import { ResubmitToAccounting, ReturnToProjectManager } from "@/components/sync/review-actions";
import { RemoteStatusBadge } from "@/components/sync/remote-status";
import { SyncButton } from "@/components/sync/sync-button";
import { SyncBadge, SyncSection, syncDisabledReason } from "@/components/sync/sync-section";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ItemStatus, ItemType } from "@/lib/generated/prisma/enums";
import type { SyncView } from "@/lib/sync/view";

// The notes every item detail page shows under its header: why it is locked, or why it was rejected.
function ItemStatusNote({
  status,
  rejectionReason,
  lockedNote,
}: {
  status: ItemStatus;
  rejectionReason: string;
  lockedNote: ReactNode;
}) {
  if (status === "REJECTED" && rejectionReason) return <Alert tone="warning">Rejected: {rejectionReason}</Alert>;
  if (status === "APPROVED") return <Alert tone="info">{lockedNote}</Alert>;
  if (status === "PENDING_APPROVAL")
    return <Alert tone="info">Waiting for approval. It cannot be edited until it is approved or rejected.</Alert>;
  return null;
}

type ItemDetailProps = {
  itemType: ItemType;
  item: { id: string; status: ItemStatus; submittedAt: Date | null; rejectionReason: string };
  title: string;
  subtitle: ReactNode;
  /** The approved item's note: that it is locked, and where further changes go. */
  lockedNote: ReactNode;
  editHref: string;
  /** What the signed-in user may do here (the page decides, from the role and who submitted the item). */
  viewer: { canEdit: boolean; canDecide: boolean };
  syncView: SyncView;
  events: Parameters<typeof History>[0]["events"];
  /** The item's own cards: its details and lines. */
  children: ReactNode;
};

/**
 * The frame of the five item detail pages: header with status and sync badges, the workflow and Sync to
 * Accounting buttons in the top-right action area, the status note, the sync section, the item's own cards,
 * then its history. One frame, so the five pages cannot drift apart.
 */
export function ItemDetail({
  itemType,
  item,
  title,
  subtitle,
  lockedNote,
  editHref,
  viewer,
  syncView,
  events,
  children,
}: ItemDetailProps) {
  const approved = item.status === "APPROVED";
  const showSync = approved || Boolean(syncView.status);
  const { review } = syncView;
  const returned = approved ? review.returned : null;
  const state = syncView.status?.state;
  // Still to be sent (or sent again after a failure): what accounting's review is about.
  const unsent = approved && state !== "SYNCED" && state !== "SYNCING";
  return (
    <div className="space-y-6">
      <PageHeader
        title={title}
        badge={
          <>
            <StatusBadge status={item.status} />
            <SyncBadge view={syncView} />
            <RemoteStatusBadge status={syncView.remote.status} />
          </>
        }
        subtitle={subtitle}
        actions={
          <>
            <ApprovalActions
              itemType={itemType}
              id={item.id}
              status={item.status}
              submittedAt={item.submittedAt?.toISOString() ?? null}
              canEdit={viewer.canEdit}
              canDecide={viewer.canDecide}
              editHref={editHref}
            />
            {approved && syncView.canSync && !returned ? (
              <SyncButton
                itemType={itemType}
                id={item.id}
                state={syncView.status?.state ?? null}
                disabledReason={syncDisabledReason(syncView)}
              />
            ) : null}
            {unsent && review.required && review.canReview && !returned ? (
              <ReturnToProjectManager itemType={itemType} itemId={item.id} label={title} />
            ) : null}
            {unsent && review.required && !review.canReview && !returned ? (
              <p className="max-w-xs text-right text-sm text-slate-600" data-testid="waits-for-accounting">
                Waits for accounting review: an accountant or an admin sends it to accounting.
              </p>
            ) : null}
            {returned && review.canResubmit ? (
              <ResubmitToAccounting itemType={itemType} itemId={item.id} label={title} />
            ) : null}
          </>
        }
      />
      {returned ? (
        <Alert tone="warning">
          <span data-testid="returned-by-accounting">
            Returned by accounting: “{returned.reason}” ({returned.returnedByName},{" "}
            <DateTime value={returned.returnedAt} />
            ). It is not sent until a project manager resubmits it to accounting.
          </span>
        </Alert>
      ) : null}
      <ItemStatusNote status={item.status} rejectionReason={item.rejectionReason} lockedNote={lockedNote} />
      {showSync ? <SyncSection view={syncView} /> : null}
      {children}
      <History events={events} />
    </div>
  );
}
