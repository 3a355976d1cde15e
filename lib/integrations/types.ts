// The provider-neutral shape the rest of the app sees of an accounting integration (cal.com's app-store idea):
// a second accounting system is a new folder beside sage-intacct/, not edits across the app.
import type { ConnectionStatus, IntegrationProvider, ItemType } from "@/lib/generated/prisma/enums";

export type ProbeStatus = "pass" | "warning";
export type ProbeResult = { id: string; label: string; status: ProbeStatus; detail: string };

export type PickerOption = { value: string; label: string };
export type ConnectionOptions = {
  transactionDefinitions: PickerOption[];
  items: PickerOption[];
  costTypes: PickerOption[];
};

// What a browser may see of a connection: no secret, ever. `hasSecrets` says whether passwords are stored.
export type ConnectionView = {
  provider: IntegrationProvider;
  status: ConnectionStatus | "NOT_CONNECTED";
  credentials: Record<string, string>;
  hasSecrets: boolean;
  lastCheckedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string;
  probes: ProbeResult[];
  options: ConnectionOptions;
  settings: Record<string, string>;
};

/** `shortName`: how people name the system in a sentence ("Approved in Intacct"); `name` when absent. */
export type IntegrationMetadata = {
  provider: IntegrationProvider;
  slug: string;
  name: string;
  shortName?: string;
  description: string;
};

// A failed live check, in the words an admin needs: which of the inputs is wrong and what to do about it.
export type ConnectionFailure = { title: string; message: string; field?: string; transient: boolean };

// ───────────────────────────── Sync plans ─────────────────────────────
// What the UI shows before a sync (the preflight plan and its blockers) and what a provider sends. The plan is a
// provider's answer; lib/sync only stores, shows and hands it back.

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
  // Change orders: the purchase order line this changes (its key in the accounting system), or null for a new line.
  relatedLineKey?: string | null;
  // Invoices converted from a purchasing document: the line it bills (its key in the accounting system)…
  sourceLineKey?: string | null;
  // The accounting cost code this line's cost code links to when the accounting project lacks it: the preflight
  // offers to add it to the project ("Add N tasks to Intacct project P-1001").
  missingProjectCostCode?: string | null;
  // …and that line's document: the purchase order, or the change order that added the line.
  sourceDocKey?: string | null;
};

export type SyncPlan = {
  itemType: ItemType;
  documentType: string; // e.g. "Purchase Order", "PO Change Order", "Project Estimate", "Vendor Invoice"
  definition: string; // the provider's document kind (an Intacct transaction definition, or "PJESTIMATE")
  documentNo: string;
  vendor: { id: string; name: string } | null;
  // id: the accounting system's project; localId: ours (for fixes offered from the preflight).
  project: { id: string; name: string; localId?: string };
  entity: string | null;
  glAccount: string | null;
  lines: PlanLine[];
  warnings: string[];
  location: string; // where to find it in the accounting system
  // Change orders and invoices: the synced purchase order they point at; budget changes: the estimate.
  source: { key: string; recordNo: string } | null;
  header: {
    date: Date;
    // Every purchasing document says when it is due (Intacct requires datedue on every create).
    dueDate: Date;
    description: string;
    referenceNo: string;
    vendorDocNo: string | null;
    retainagePercent: number | null;
  };
};

export type Eligibility =
  { eligible: true; plan: SyncPlan } | { eligible: false; blockers: Blocker[]; plan: SyncPlan | null };

/** What one send ended with. `unknown`: it may have landed; the next attempt must look it up before resending. */
export type SendResult =
  | {
      status: "synced";
      key: string;
      recordNo: string;
      state: string;
      lineKeys: Record<string, string>;
      // adopted: a lookup found the document an earlier attempt had already posted.
      how: "created" | "adopted";
    }
  | {
      status: "failed";
      code: string;
      message: string;
      internal: string;
      /** Transient (5xx, 429, network, expired session): nothing was posted and a later try may succeed. */
      retryable?: boolean;
      /** The system asked to wait this long before the next try (HTTP Retry-After). */
      retryAfterMs?: number;
    }
  | { status: "unknown"; code: string; message: string; internal: string };
