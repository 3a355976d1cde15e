import { Alert } from "@/components/ui/card";
import { DateTime } from "@/components/ui/time-zone";
import type { SyncStatusView } from "@/lib/sync/types";

/**
 * The note above a synced item's read-back: where the document is and why the item is locked. When the accounting
 * system reports the document deleted, the item is not "in agreement" any more, so the note says what happened and
 * what can be done instead (admins send it again as a new document; others ask one), never that it is synced for good.
 */
export function SyncedNote({
  status,
  providerName,
  deleted,
  isAdmin,
}: {
  status: SyncStatusView;
  providerName: string;
  deleted: boolean;
  isAdmin: boolean;
}) {
  if (deleted)
    return (
      <Alert tone="warning">
        <span data-testid="synced-note">
          This item was sent to Sage Intacct as <strong>{status.documentLabel}</strong> on{" "}
          <DateTime value={status.syncedAt} />, and that document has since been deleted in {providerName}. Nothing is
          sent again by itself.{" "}
          {isAdmin
            ? "Send it again as a new document below, or leave it as it is; if it may have been deleted by mistake, ask your accountant first."
            : "An admin can send it again as a new document; ask one, or your accountant, if it should be in the books."}
        </span>
      </Alert>
    );
  return (
    <Alert tone="info">
      <span data-testid="synced-note">
        Synced to Sage Intacct as <strong>{status.documentLabel}</strong>
        {status.intacctState ? ` (${status.intacctState})` : ""} on <DateTime value={status.syncedAt} />. Find it under{" "}
        {status.location}. This item is locked so the app and Intacct stay in agreement; record further changes as a
        change.
      </span>
      {status.documentLabel !== status.intacctKey ? (
        <span className="mt-1 block text-xs">
          Key in Sage Intacct (DOCID): <code data-testid="intacct-key">{status.intacctKey}</code>
        </span>
      ) : null}
    </Alert>
  );
}
