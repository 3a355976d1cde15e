// Provider-neutral shapes of a sync: what the UI shows before (plan, blockers) and after (status, history).
import type { ItemType, SyncState } from "@/lib/generated/prisma/enums";

export type Blocker = { message: string; fixHref?: string; fixLabel?: string };

export type PlanLine = {
  lineId: string;
  description: string;
  costCode: string;
  taskId: string | null;
  costTypeId: string | null;
  itemId: string | null;
  accountNo: string | null;
  amountCents: number;
  // Why this line goes without a task or cost type (the guide's rule: unlinked codes sync without a cost code).
  warning: string | null;
  // Change orders: the PO line this changes (Intacct RECORDNO), or null for a new line.
  relatedLineKey?: string | null;
  // Invoices created from the PO: the PO line it bills.
  sourceLineKey?: string | null;
};

export type SyncPlan = {
  itemType: ItemType;
  documentType: string; // "Purchase Order", "PO Change Order", "Project Estimate", "Vendor Invoice"
  definition: string; // transaction definition, or "PJESTIMATE"
  documentNo: string;
  vendor: { id: string; name: string } | null;
  project: { id: string; name: string };
  entity: string | null;
  glAccount: string | null;
  lines: PlanLine[];
  warnings: string[];
  location: string; // where to find it in Intacct
  // Change orders and invoices: the synced PO they point at; budget changes: the estimate.
  source: { key: string; recordNo: string } | null;
  header: {
    date: Date;
    dueDate: Date | null;
    description: string;
    referenceNo: string;
    vendorDocNo: string | null;
    retainagePercent: number | null;
  };
};

export type Eligibility =
  { eligible: true; plan: SyncPlan } | { eligible: false; blockers: Blocker[]; plan: SyncPlan | null };

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

export const INTACCT_LOCATIONS: Record<ItemType, { documentType: string; location: string }> = {
  CONTRACT: { documentType: "Purchase Order", location: "Purchasing → Transactions → Order → Purchase Order" },
  CONTRACT_CHANGE: { documentType: "PO Change Order", location: "Purchasing → Transactions → Order → PO Change Order" },
  BUDGET: { documentType: "Project Estimate", location: "Projects → Project Estimates" },
  BUDGET_CHANGE: { documentType: "Project Estimate entries", location: "Projects → Project Estimates" },
  INVOICE: { documentType: "Vendor Invoice", location: "Purchasing → Transactions → Invoice → Vendor Invoice" },
};

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  NOT_SYNCED: "Not synced",
  SYNCING: "Syncing",
  SYNCED: "Synced",
  FAILED: "Sync failed",
  UNKNOWN: "Sync unconfirmed",
};
