// The item lists' "Intacct state" filter: its choices (as in URLs, `?remote=paid`), their words, and the condition on
// the sync record each stands for, in the order the status label gives them precedence (a deleted document is
// "Deleted" whatever it was before). Pure: pages, lists and components share it.
import type { Prisma } from "@/lib/generated/prisma/client";
import { REMOTE_STATE_WORDS } from "./remote-status";

export const REMOTE_FILTERS = ["approved", "partially-paid", "paid", "declined", "changed", "deleted"] as const;
export type RemoteFilter = (typeof REMOTE_FILTERS)[number];

export const REMOTE_FILTER_LABELS: Record<RemoteFilter, string> = {
  approved: "Approved",
  "partially-paid": "Partially paid",
  paid: "Paid",
  declined: "Declined",
  changed: "Changed",
  deleted: "Deleted",
};

export function readRemoteFilter(value: string | string[] | undefined): RemoteFilter | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return REMOTE_FILTERS.find((f) => f === v);
}

// The words each state arrives in are the accounting system's, from the one list the badge reads too
// (remote-status.ts), compared without case.
const oneOf = (words: readonly string[]): Prisma.StringFilter => ({ in: [...words], mode: "insensitive" });

export function remoteFilterWhere(filter: RemoteFilter): Prisma.SyncRecordWhereInput {
  const synced = { state: "SYNCED" as const };
  const notDrifted = { ...synced, drift: "" };
  const paid: Prisma.SyncRecordWhereInput = { billState: oneOf(REMOTE_STATE_WORDS.paid) };
  const partlyPaid: Prisma.SyncRecordWhereInput = { billState: oneOf(REMOTE_STATE_WORDS.partiallyPaid) };
  switch (filter) {
    case "deleted":
      return { ...synced, drift: "DELETED" };
    case "changed":
      return { ...synced, drift: "CHANGED" };
    case "paid":
      return { ...notDrifted, ...paid };
    case "partially-paid":
      return { ...notDrifted, ...partlyPaid };
    case "declined":
      return { ...notDrifted, intacctState: oneOf(REMOTE_STATE_WORDS.declined), NOT: [paid, partlyPaid] };
    case "approved":
      return { ...notDrifted, intacctState: oneOf(REMOTE_STATE_WORDS.approved), NOT: [paid, partlyPaid] };
  }
}

type IdFilter = { id?: { in: string[] } | { notIn: string[] } };

/** A list's id filter narrowed to `ids` as well (the sync state and the Intacct state filters combine). */
export function narrowIdFilter(base: IdFilter, ids: string[]): IdFilter {
  const current = base.id;
  if (!current) return { id: { in: ids } };
  if ("in" in current) {
    const allowed = new Set(current.in);
    return { id: { in: ids.filter((id) => allowed.has(id)) } };
  }
  const excluded = new Set(current.notIn);
  return { id: { in: ids.filter((id) => !excluded.has(id)) } };
}
