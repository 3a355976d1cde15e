// Provider-neutral shapes of a sync as pages show it: its status and the words for each state.
import type { SyncState } from "@/lib/generated/prisma/enums";

export type { Blocker, Eligibility, PlanLine, SyncPlan } from "@/lib/integrations/types";

export type SyncStatusView = {
  state: SyncState;
  intacctKey: string;
  intacctState: string;
  syncedAt: Date | null;
  lastError: string;
  lastErrorCode: string;
  documentLabel: string;
  location: string;
};

/** The one set of words for sync states: badges, list columns and filters all use these. */
export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  NOT_SYNCED: "Not synced",
  SYNCING: "Syncing",
  SYNCED: "Synced",
  FAILED: "Sync failed",
  UNKNOWN: "Sync unconfirmed",
};
