// What item pages and lists show of the read-back: the provider's words for a synced document's remote status and
// when it was last checked (the company's check itself: status-check-view.ts). Provider-neutral.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { type RemoteFilter, remoteFilterWhere } from "./remote-filters";
import { describeRemoteStatus, type RemoteStatus } from "./remote-status";

export type { RemoteStatus };

/** One item's read-back for its page: the words, the time of the last check, and whether it was deleted there. */
export async function loadItemRemoteView(
  db: Db,
  companyId: string,
  itemType: ItemType,
  itemId: string,
  providerName: string,
) {
  const record = await db.syncRecord.findFirst({ where: { companyId, itemType, itemId } });
  return {
    status: record ? describeRemoteStatus(record, providerName) : null,
    checkedAt: record?.remoteCheckedAt ?? null,
    deleted: record?.drift === "DELETED",
  };
}

/** The remote status of items of any type by id (the Accounting sync page lists all five types at once). */
export async function getRemoteStatusesById(
  db: Db,
  companyId: string,
  itemIds: string[],
  providerName: string,
): Promise<Map<string, RemoteStatus>> {
  if (!itemIds.length) return new Map();
  const records = await db.syncRecord.findMany({ where: { companyId, itemId: { in: itemIds } } });
  const statuses = new Map<string, RemoteStatus>();
  for (const record of records) {
    const status = describeRemoteStatus(record, providerName);
    if (status) statuses.set(record.itemId, status);
  }
  return statuses;
}

/** The ids of any type's records that match an "Intacct state" choice (the Accounting sync page's filter). */
export async function listRemoteFilterIdsAnyType(db: Db, companyId: string, filter: RemoteFilter): Promise<string[]> {
  const rows = await db.syncRecord.findMany({
    where: { companyId, ...remoteFilterWhere(filter) },
    select: { itemId: true },
  });
  return rows.map((r) => r.itemId);
}

/** The remote status of each listed item (those synced and read back), for a list's Intacct column. */
export async function getRemoteStatuses(
  db: Db,
  companyId: string,
  itemType: ItemType,
  itemIds: string[],
  providerName: string,
): Promise<Map<string, RemoteStatus>> {
  if (!itemIds.length) return new Map();
  const records = await db.syncRecord.findMany({ where: { companyId, itemType, itemId: { in: itemIds } } });
  const statuses = new Map<string, RemoteStatus>();
  for (const record of records) {
    const status = describeRemoteStatus(record, providerName);
    if (status) statuses.set(record.itemId, status);
  }
  return statuses;
}

/** The ids of an item type's records that match an "Intacct state" choice. */
export async function listRemoteFilterIds(
  db: Db,
  companyId: string,
  itemType: ItemType,
  filter: RemoteFilter,
): Promise<string[]> {
  const rows = await db.syncRecord.findMany({
    where: { companyId, itemType, ...remoteFilterWhere(filter) },
    select: { itemId: true },
  });
  return rows.map((r) => r.itemId);
}
