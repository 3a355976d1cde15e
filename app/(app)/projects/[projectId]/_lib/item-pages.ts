// What the item pages of a project load, once for all five item types: the item named in the URL (detail and edit
// pages), the frame of a detail page, and a page of an item list with its filters and sync states.
import "server-only";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import type { ItemListRow } from "@/components/items/item-list";
import { PAGE_SIZE } from "@/components/ui/pagination";
import { readListParams } from "@/components/ui/search-form";
import { requireUser } from "@/lib/auth/current-user";
import { isUuid, orNotFound, requireProjectId, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/sessions";
import { type Db, getDb } from "@/lib/db/client";
import { canUserDecide, listEvents } from "@/lib/financials/approval";
import { getContract, listApprovedContracts } from "@/lib/financials/contracts";
import type { ItemListOptions } from "@/lib/financials/list-options";
import { formatCents, sumCents } from "@/lib/format/money";
import type { ItemStatus, ItemType, Role } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "@/lib/format/dates";
import { listOpenReturns, type OpenReturn } from "@/lib/sync/review";
import { getAccountingProvider } from "@/lib/integrations/registry";
import { narrowIdFilter } from "@/lib/sync/remote-filters";
import { getRemoteStatuses, listRemoteFilterIds } from "@/lib/sync/remote-view";
import { getSyncStates, syncFilter } from "@/lib/sync/sync-service";
import { loadSyncView } from "@/lib/sync/view";

const describeOpenReturn = (open: OpenReturn | undefined, timeZone: string | undefined) =>
  open ? `“${open.reason}” (${open.returnedByName}, ${formatDateTime(open.returnedAt, timeZone)})` : undefined;

export type ItemPageParams = Promise<{ projectId: string; id: string }>;

/**
 * The item in the URL: a 404 for a malformed id, an unknown one, another company's (the service's NOT_FOUND) and one
 * of another project. `roles`: who may open the page at all (a 403 for anyone else).
 */
export async function loadProjectItem<T>(
  params: ItemPageParams,
  getItem: (db: Db, user: SessionUser, id: string) => Promise<T>,
  projectOf: (item: T) => string,
  roles?: readonly Role[],
): Promise<{ db: Db; user: SessionUser; projectId: string; item: T }> {
  const user = await requireUser(roles);
  const { projectId, id } = await params;
  const db = getDb();
  const item = await orNotFound(getItem(db, user, requireUuid(id)));
  if (projectOf(item) !== projectId) notFound();
  return { db, user, projectId, item };
}

type FramedItem = {
  id: string;
  status: ItemStatus;
  submittedAt: Date | null;
  submittedById: string | null;
  rejectionReason: string;
};

/** The props of the ItemDetail frame that come from the database: history, sync, and what this user may do. */
export async function loadItemFrame<T extends FramedItem>(db: Db, user: SessionUser, itemType: ItemType, item: T) {
  const [events, syncView] = await Promise.all([
    listEvents(db, user, itemType, item.id),
    loadSyncView(db, user, itemType, item.id),
  ]);
  const viewer = { canEdit: hasRole(user.role, CAN_EDIT), canDecide: canUserDecide(user, item.submittedById) };
  return { itemType, item, events, syncView, viewer };
}

/** A detail page's item (as loadProjectItem) and the props of its ItemDetail frame. */
export async function loadItemDetail<T extends FramedItem>(
  params: ItemPageParams,
  itemType: ItemType,
  getItem: (db: Db, user: SessionUser, id: string) => Promise<T>,
  projectOf: (item: T) => string,
) {
  const loaded = await loadProjectItem(params, getItem, projectOf);
  return { ...loaded, frame: await loadItemFrame(loaded.db, loaded.user, itemType, loaded.item) };
}

export type NewFromContractPageProps = {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ contractId?: string }>;
};

/**
 * The contract a new contract change or invoice is written against (`?contractId=`): without a valid id, the
 * project's approved contracts to choose from; a 404 for another company's or another project's contract.
 */
export async function loadContractForNewItem({ params, searchParams }: NewFromContractPageProps) {
  const user = await requireUser(CAN_EDIT);
  const projectId = await requireProjectId(user, (await params).projectId);
  const contractId = (await searchParams).contractId ?? "";
  const db = getDb();
  if (!isUuid(contractId)) return { db, user, projectId, choices: await listApprovedContracts(db, user, projectId) };
  const contract = await orNotFound(getContract(db, user, contractId));
  if (contract.projectId !== projectId) notFound();
  return { db, user, projectId, contract };
}

export type ItemListPageProps = {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

type ListedItem = { id: string; number: string; status: ItemStatus; lines: { amountCents: bigint }[] };

/** A page of one item list: the filters from the URL (status, sync state, page), the rows and their sync states. */
export async function loadItemList<R extends ListedItem>(
  { params, searchParams }: ItemListPageProps,
  itemType: ItemType,
  slug: string,
  list: (db: Db, user: SessionUser, options: ItemListOptions) => Promise<{ rows: R[]; total: number }>,
) {
  const user = await requireUser();
  const projectId = await requireProjectId(user, (await params).projectId);
  const { page, status, sync, remote } = readListParams(await searchParams);
  const db = getDb();
  const bySync = await syncFilter(db, user.companyId, itemType, sync);
  const idFilter = remote
    ? narrowIdFilter(bySync, await listRemoteFilterIds(db, user.companyId, itemType, remote))
    : bySync;
  const { rows, total } = await list(db, user, {
    projectId,
    status,
    idFilter,
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const ids = rows.map((r) => r.id);
  const provider = await getAccountingProvider(db, user.companyId);
  const [syncStates, returns, remoteStatuses] = await Promise.all([
    getSyncStates(db, user.companyId, itemType, ids),
    listOpenReturns(db, user.companyId, ids),
    getRemoteStatuses(db, user.companyId, itemType, ids, provider.metadata.shortName ?? provider.metadata.name),
  ]);
  const basePath = `/projects/${projectId}/${slug}`;
  return {
    canEdit: hasRole(user.role, CAN_EDIT),
    rows,
    /** The ItemList props every list shares. */
    list: { basePath, status, sync, remote, page, total },
    /** A row as every list shows it, with this list's own title and cells. */
    toRow: (row: R, own: { title: string; cells: ReactNode[] }): ItemListRow => ({
      id: row.id,
      href: `${basePath}/${row.id}`,
      number: row.number,
      amount: formatCents(sumCents(row.lines)),
      status: row.status,
      syncState: syncStates.get(row.id),
      returnedNote: describeOpenReturn(returns.get(row.id), user.timeZone),
      remote: remoteStatuses.get(row.id),
      ...own,
    }),
  };
}
