// The one interface the rest of the app uses to talk to an accounting system (cal.com's app-store shape: a folder
// per provider behind one provider-neutral type, picked by the company's connection in registry.ts). lib/sync
// depends on this file only; Sage Intacct implements it in sage-intacct/provider.ts, and an in-memory provider in
// in-memory/provider.ts proves that nothing in lib/sync needs to know which system is behind it.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { ItemStatus, ItemType, ReferenceType, SyncState } from "@/lib/generated/prisma/enums";
import type { Blocker, ConnectionView, IntegrationMetadata, SendResult, SyncPlan } from "./types";

/** How an earlier sync of a related item stands (the contract a change or an invoice builds on, the budget). */
export type PriorSync = {
  state: SyncState;
  key: string;
  recordNo: string;
  /** Our line id → the accounting system's key of that line. */
  lineKeys: Record<string, string>;
};

export type SyncItemLine = {
  id: string;
  description: string;
  amountCents: bigint;
  costCode: { code: string; name: string; intacctStandardTaskId: string | null };
  /** Contract changes: the contract line this line changes (null for a new line). */
  changesLineId?: string | null;
  /** Invoices: the contract line this line bills. */
  billsLineId?: string | null;
  /** Invoices: the line an approved contract change added that this line bills, and how that change is synced. */
  billsAddedLine?: {
    lineId: string;
    change: { itemType: ItemType; itemId: string; number: string; sync: PriorSync | null };
  } | null;
};

/**
 * An approved item as any provider needs it, loaded by lib/sync from our own data. The link columns on our rows
 * (intacctProjectId, intacctVendorId, …) come along as stored; only the provider gives them meaning.
 */
export type SyncItem = {
  itemType: ItemType;
  id: string;
  companyId: string;
  status: ItemStatus;
  number: string;
  title: string;
  /** Contract changes and invoices: the contract's number. */
  contractNumber: string | null;
  project: {
    id: string;
    name: string;
    number: string;
    intacctProjectId: string | null;
    intacctEntityId: string | null;
    intacctGlAccount: string | null;
  };
  vendor: { name: string; intacctVendorId: string | null } | null;
  dates: { document: Date; due: Date | null };
  retainageBps: number | null;
  lines: SyncItemLine[];
  /** The item this one builds on (contract for changes and invoices, budget for budget changes) and its sync. */
  prerequisite: { itemType: ItemType; itemId: string; number: string; sync: PriorSync | null } | null;
};

/** A preflight or a send-time plan: what would land, and what stands in the way on the provider's side. */
export type ProviderPlan = { plan: SyncPlan; blockers: Blocker[] };

/** One request/response with the accounting system, already redacted of every secret. */
export type ProviderExchange = {
  request: string;
  response: string | null;
  status: number | null;
  durationMs: number;
  errorCode: string | null;
  /**
   * Set when the exchange concerns one send of a batch (its share of a request that carried several items'
   * functions, or a lookup made for it alone): that send's controlId. Unset: the exchange served every send of the
   * session (signing in, reading the project's tasks).
   */
  controlId?: string;
};

/** One send of a batch: a plan and its stable control id (see `ProviderSession.send`). */
export type SendRequest = { plan: SyncPlan; controlId: string; reconcile: boolean };

/** A live connection for one send: plan against the system's current data, then send exactly once. */
export type ProviderSession = {
  plan: (item: SyncItem) => Promise<ProviderPlan>;
  /**
   * `controlId` is derived from our sync record and reused on every attempt, so the system refuses a second post;
   * `reconcile`: an earlier attempt may have reached the system, so look the document up (and adopt it) before
   * resending, and take no refusal of the resend as final until a lookup confirms the document is not there.
   */
  send: (plan: SyncPlan, options: { controlId: string; reconcile: boolean }) => Promise<SendResult>;
  /**
   * Many sends at once, each with the same guarantees as `send`, results in the order given. The system gets as few
   * requests as it allows (Sage Intacct: up to 100 writes per request, then their read-backs the same way); one
   * send's refusal fails only that send, and a lost answer leaves every send it carried unknown.
   */
  sendMany: (requests: SendRequest[]) => Promise<SendResult[]>;
  /**
   * Optional: the projects a batch's items are in, told before the items are loaded and planned, so the provider
   * can start reading what their plans will need (Sage Intacct: the projects' live tasks). Never throws.
   */
  prefetch?: (projects: SyncItem["project"][]) => void;
};

/** A record of the accounting system offered in a picker. `parentId`: what it belongs to (a project's entity). */
export type ReferenceOption = { externalId: string; name: string; active: boolean; parentId: string };

/** A synced document as the status check knows it (from our SyncRecord): what the provider compares against. */
export type KnownDocument = {
  /** Our SyncRecord id. */
  recordId: string;
  itemType: ItemType;
  /** The provider's key of the document (Intacct DOCID "Vendor Invoice-INV-1", or the estimate id). */
  key: string;
  recordNo: string;
  /** The payable the document created, when known (Intacct: the APBILL RECORDNO). */
  billKey: string;
  /** The provider's modification stamp when we last read the document ("" = never read back). */
  remoteModifiedAt: string;
  /** The provider's keys of the document's lines, as the send stored them (Intacct: entry RECORDNOs). */
  lineKeys: string[];
};

/** One line of a document as the accounting system holds it. */
export type RemoteLine = {
  /** The line's key there: what our lineKeys map our line ids to. */
  key: string;
  amountCents: number;
  /** The cost code (Intacct: the project task) the line is on, or null. */
  costCode: string | null;
};

/** The payable a document created (Intacct: the AP bill of a Vendor Invoice) and how far it is paid. */
export type RemoteBill = {
  key: string;
  state: string;
  totalCents: number;
  paidCents: number;
  dueCents: number;
  /** The (latest) payment's date, a calendar date at UTC midnight. */
  paidAt: Date | null;
};

export type RemoteDocument = {
  key: string;
  recordNo: string;
  /** The document's state in the system's own words (Intacct STATE: Submitted, Approved, Declined, …). */
  state: string;
  vendorId: string | null;
  totalCents: number;
  /** Read whole only when the document itself changed (to compare with ours); otherwise null. */
  lines: RemoteLine[] | null;
  modifiedAt: string;
};

export type StatusChange =
  | { recordId: string; kind: "deleted" }
  | {
      recordId: string;
      kind: "updated";
      /** The document as it is now, when it changed; undefined when only its bill moved. */
      document?: RemoteDocument;
      /** The bill as it is now; null when the document has none (any more); undefined when unchanged. */
      bill?: RemoteBill | null;
    };

export type StatusCheckInput = {
  /** The provider's high-water marks per object, as it returned them last time ({} on the first check). */
  marks: Record<string, string>;
  /** For an object without a mark: look back to this instant (the first sync of the company, less an overlap). */
  since: Date;
  /**
   * Our synced documents matching what the system reports as changed: by key, record number, bill key, or the key
   * of one of their lines (a line deleted on its own, e.g. an Intacct estimate entry, names only itself).
   */
  findKnown: (lookup: {
    keys: string[];
    recordNos: string[];
    billKeys: string[];
    lineKeys?: string[];
  }) => Promise<KnownDocument[]>;
};

export type StatusCheckResult = {
  changes: StatusChange[];
  /** The marks to store once the changes are saved (never before: a crash then reads the changes again). */
  marks: Record<string, string>;
  /** Requests sent to the system. */
  requests: number;
};

export type AccountingProvider = {
  metadata: IntegrationMetadata;
  /** The accounting document an item becomes, and where to find it there. */
  describeItemType: (itemType: ItemType) => { documentType: string; location: string };
  /** A synced document's name as people read it ("Purchase Order SC-1001"). */
  describeDocument: (itemType: ItemType, key: string) => string;
  /** The company's connection, as a browser may see it (no secret). */
  getConnection: (db: Db, companyId: string) => Promise<ConnectionView>;
  /**
   * Preflight from the cached reference lists: never waits on the accounting system. `batch`: a memo that lives for
   * one batch of items, where the provider may keep what every item of the batch reads alike (its settings, a
   * project's tasks) instead of reading it again per item.
   */
  planFromCache: (db: Db, item: SyncItem, batch?: Map<string, Promise<unknown>>) => Promise<ProviderPlan>;
  /** Opens a session for sending; throws an AppError with a user message when the system is not connected. */
  openSession: (
    db: Db,
    companyId: string,
    options?: { onExchange?: (exchange: ProviderExchange) => void },
  ) => Promise<ProviderSession>;
  /** Picker search over the cached reference lists. */
  searchReferences: (
    db: Db,
    companyId: string,
    type: ReferenceType,
    query: string,
    options?: { includeInactive?: boolean; limit?: number; scope?: string },
  ) => Promise<ReferenceOption[]>;
  /**
   * What became of synced documents since the last check: one request when nothing changed, then batched reads of
   * what did. Throws like openSession when the system is not connected or cannot be reached.
   */
  checkStatus: (db: Db, companyId: string, input: StatusCheckInput) => Promise<StatusCheckResult>;
};
