// What became of a synced document in the accounting system, in the words people read ("Approved in Intacct",
// "Partially paid $100,000.00 of $275,000.00", "Deleted in Intacct"). Pure and provider-neutral: the status check
// (lib/sync/status-check.ts) stores the system's own words on the SyncRecord, and this turns them into one badge.
import { z } from "zod";
import { formatDate } from "@/lib/format/dates";
import { formatCents, toCentsNumber } from "@/lib/format/money";

/** "" = the document is there as we sent it (or as far as we know). */
export type RemoteDrift = "" | "CHANGED" | "DELETED";

export const REMOTE_DRIFTS = ["", "CHANGED", "DELETED"] as const;

/** One field that differs between our approved item and the document in the accounting system, as people read it. */
export type DriftDifference = { field: string; ours: string; theirs: string };

const ZDriftDifference = z.object({ field: z.string(), ours: z.string(), theirs: z.string() });

// Stored as JSON by older or newer versions alike: whatever does not parse is left out, never a crash on a page.
const ZDriftDetails = z
  .array(z.unknown())
  .catch([])
  .transform((items) =>
    items.flatMap((item) => {
      const parsed = ZDriftDifference.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }),
  );

export function readDriftDetails(value: unknown): DriftDifference[] {
  return ZDriftDetails.parse(value ?? []);
}

export function readRemoteDrift(value: string | null | undefined): RemoteDrift {
  return value === "CHANGED" || value === "DELETED" ? value : "";
}

/** The SyncRecord columns this reads (a Prisma row fits; so does a plain object in tests or a client component). */
export type RemoteStatusRecord = {
  state: string;
  /** The document's state as the system last reported it (Intacct PODOCUMENT STATE: Submitted, Approved, …). */
  intacctState: string;
  billState: string;
  billTotalCents: bigint | number | null;
  paidCents: bigint | number | null;
  dueCents?: bigint | number | null;
  paidAt: Date | null;
  drift: string;
  driftDetails: unknown;
  remoteCheckedAt?: Date | null;
};

export type RemoteStatusTone = "neutral" | "good" | "warn" | "bad";

export type RemoteStatus = {
  label: string;
  tone: RemoteStatusTone;
  /** A second line: the payment or approval standing under a drift badge, or what to do. */
  detail?: string;
  differences: DriftDifference[];
};

// The accounting system's own words (Intacct: PODOCUMENT STATE, APBILL STATE), compared without case. The one list
// that both the badge (here) and the "Intacct state" filter (remote-filters.ts) read, so the two never disagree.
export const REMOTE_STATE_WORDS = {
  /** Document states that mean the accountant accepted it (a PO turned into invoices has been approved first). */
  approved: ["Approved", "Closed", "Converted", "Partially Converted"],
  partiallyApproved: ["Partially Approved"],
  declined: ["Declined"],
  waiting: ["Submitted", "Pending", "In Progress"],
  /** Bill states. */
  paid: ["Paid"],
  partiallyPaid: ["Partially Paid"],
} as const;

const lowerSet = (words: readonly string[]) => new Set(words.map((w) => w.toLowerCase()));
const APPROVED_STATES = lowerSet(REMOTE_STATE_WORDS.approved);
const PARTIALLY_APPROVED_STATES = lowerSet(REMOTE_STATE_WORDS.partiallyApproved);
const DECLINED_STATES = lowerSet(REMOTE_STATE_WORDS.declined);
const WAITING_STATES = lowerSet(REMOTE_STATE_WORDS.waiting);
const PAID_STATES = lowerSet(REMOTE_STATE_WORDS.paid);
const PARTIALLY_PAID_STATES = lowerSet(REMOTE_STATE_WORDS.partiallyPaid);

function describePayment(record: RemoteStatusRecord, formatPaidAt: (value: Date) => string): string | null {
  const total = record.billTotalCents === null ? null : toCentsNumber(record.billTotalCents);
  const paid = record.paidCents === null ? null : toCentsNumber(record.paidCents);
  const billState = record.billState.trim().toLowerCase();
  const fullyPaid = PAID_STATES.has(billState) || (total !== null && paid !== null && total > 0 && paid >= total);
  if (fullyPaid) return record.paidAt ? `Paid ${formatPaidAt(record.paidAt)}` : "Paid";
  const partly = PARTIALLY_PAID_STATES.has(billState) || (paid !== null && paid > 0);
  if (!partly) return null;
  if (paid === null || total === null) return "Partially paid";
  return `Partially paid ${formatCents(paid)} of ${formatCents(total)}`;
}

function describeDocumentState(state: string, providerName: string): Omit<RemoteStatus, "differences"> | null {
  const normalized = state.trim().toLowerCase();
  if (!normalized) return null;
  if (APPROVED_STATES.has(normalized)) return { label: `Approved in ${providerName}`, tone: "good" };
  if (PARTIALLY_APPROVED_STATES.has(normalized))
    return { label: `Partially approved in ${providerName}`, tone: "neutral" };
  if (DECLINED_STATES.has(normalized)) return { label: `Declined in ${providerName}`, tone: "bad" };
  if (WAITING_STATES.has(normalized)) return { label: `Awaiting approval in ${providerName}`, tone: "neutral" };
  return { label: `${state.trim()} in ${providerName}`, tone: "neutral" };
}

/**
 * One badge for what became of a synced item, or null when there is nothing to say (never synced, or no state
 * read yet). Order of importance: deleted, changed (both need someone to act), then paid, partially paid, and the
 * document's approval state. `formatPaidAt` renders the payment date (the company's time zone when the caller has
 * one; calendar dates in UTC otherwise, so a date never shifts a day).
 */
export function describeRemoteStatus(
  record: RemoteStatusRecord,
  providerName: string,
  options: { formatPaidAt?: (value: Date) => string } = {},
): RemoteStatus | null {
  if (record.state !== "SYNCED") return null;
  const formatPaidAt = options.formatPaidAt ?? formatDate;
  const drift = readRemoteDrift(record.drift);
  const payment = describePayment(record, formatPaidAt);
  const document = describeDocumentState(record.intacctState, providerName);
  if (drift === "DELETED") {
    return {
      label: `Deleted in ${providerName}`,
      tone: "bad",
      detail: `The document no longer exists in ${providerName}. Send it again as a new document, or leave it.`,
      differences: [],
    };
  }
  if (drift === "CHANGED") {
    const standing = payment ?? document?.label;
    return {
      label: `Changed in ${providerName}`,
      tone: "warn",
      ...(standing ? { detail: standing } : {}),
      differences: readDriftDetails(record.driftDetails),
    };
  }
  if (payment) return { label: payment, tone: payment.startsWith("Paid") ? "good" : "neutral", differences: [] };
  if (!document) return null;
  return { ...document, differences: [] };
}
