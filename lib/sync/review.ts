// "Accounting reviews before sync": with the company setting on, an approved item is not sent by the project manager
// who approved it (nor by sync on approval) but waits in Ready for accounting, where an accountant or an admin sends
// it or returns it to its project manager with a reason. A returned item is sent by nobody until a project manager
// (or an admin) resubmits it to accounting. docs/decisions/0002-accounting-review.md
import "server-only";
import { CAN_EDIT, CAN_REVIEW, hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError, invalidState, isAppError } from "@/lib/errors/app-error";
import { ITEM_LABELS, recordEvent } from "@/lib/financials/approval";
import type { ItemType, Role } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/integrations/audit";
import { getAccountingProvider } from "@/lib/integrations/registry";
import { combineBlockers } from "./eligibility";
import { loadSyncItem, loadSyncItems, syncItemKey } from "./items";

/** Whoever starts a send: the gate needs the role. */
export type SendingUser = Pick<SessionUser, "id" | "name" | "companyId"> & { role: Role };

export const WAITS_FOR_REVIEW =
  "Accounting reviews items before they are sent: approved items wait in Ready for accounting until an accountant or an admin sends them.";

export type OpenReturn = { reason: string; returnedByName: string; returnedAt: Date };

export async function isReviewRequired(db: Db, companyId: string): Promise<boolean> {
  const company = await db.company.findUnique({
    where: { id: companyId },
    select: { accountingReviewsBeforeSync: true },
  });
  return company?.accountingReviewsBeforeSync ?? false;
}

/** Whether this user may send now: with the gate on, only accountants and admins (a PM's send would bypass it). */
export async function mayUserSend(db: Db, user: SendingUser): Promise<boolean> {
  if (hasRole(user.role, CAN_REVIEW)) return true;
  return !(await isReviewRequired(db, user.companyId));
}

/** Throws the gate's refusal for a user who may not send while accounting reviews. Returns whether the gate is on. */
export async function assertMaySend(db: Db, user: SendingUser): Promise<{ reviewed: boolean }> {
  const reviewed = await isReviewRequired(db, user.companyId);
  if (reviewed && !hasRole(user.role, CAN_REVIEW)) throw new AppError("FORBIDDEN", WAITS_FOR_REVIEW);
  return { reviewed };
}

export async function getOpenReturn(
  db: Db,
  companyId: string,
  itemType: ItemType,
  itemId: string,
): Promise<OpenReturn | null> {
  const row = await db.accountingReturn.findFirst({ where: { companyId, itemType, itemId } });
  return row ? { reason: row.reason, returnedByName: row.returnedByName, returnedAt: row.createdAt } : null;
}

/** The open returns among these items (a run refuses or skips them). */
export async function listOpenReturns(
  db: DbOrTx,
  companyId: string,
  itemIds: string[],
): Promise<Map<string, OpenReturn>> {
  if (!itemIds.length) return new Map();
  const rows = await db.accountingReturn.findMany({ where: { companyId, itemId: { in: itemIds } } });
  return new Map(
    rows.map((r) => [r.itemId, { reason: r.reason, returnedByName: r.returnedByName, returnedAt: r.createdAt }]),
  );
}

export function describeReturn(open: OpenReturn): string {
  return `Returned to the project manager by ${open.returnedByName}: “${open.reason}”. It is sent once a project manager resubmits it to accounting.`;
}

const label = (itemType: ItemType) => ITEM_LABELS[itemType].toLowerCase();

/**
 * Return to project manager: an approved item that has not been sent is held back with a reason, which its page and
 * the Accounting sync list show. Accountants and admins only; refused while it is being sent or once it is synced.
 */
export async function returnToProjectManager(
  db: Db,
  user: SessionUser,
  itemType: ItemType,
  itemId: string,
  reason: string,
): Promise<OpenReturn> {
  if (!hasRole(user.role, CAN_REVIEW))
    throw new AppError("FORBIDDEN", "Only accountants and admins can return items to their project manager.");
  const text = reason.trim();
  if (!text)
    throw new AppError("INVALID_INPUT", "Say why it goes back.", {
      fieldErrors: { reason: ["Say why it goes back."] },
    });
  const item = await loadSyncItem(db, user, itemType, itemId);
  const name = `${ITEM_LABELS[itemType]} ${item.number}`;
  if (item.status !== "APPROVED")
    throw invalidState(`Only approved items wait for accounting: ${name} is not approved.`);
  const where = { companyId: user.companyId, itemType, itemId };
  try {
    const row = await db.$transaction(async (tx) => {
      // The lock sync runs are started under (lib/sync/runs.ts): an item is either returned or in a run, never both.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sync-run:${user.companyId}`}))`;
      const record = await tx.syncRecord.findFirst({ where, select: { state: true } });
      if (record?.state === "SYNCED" || record?.state === "SYNCING")
        throw invalidState(
          `${name} is ${record.state === "SYNCED" ? "already synced" : "being sent"}: it can no longer be returned.`,
        );
      const active = await tx.syncRunItem.count({ where: { ...where, status: { in: ["QUEUED", "SENDING"] } } });
      if (active) throw invalidState(`${name} is queued to be sent: cancel its run first, then return it.`);
      const created = await tx.accountingReturn.create({
        data: { ...where, reason: text, returnedById: user.id, returnedByName: user.name },
      });
      await recordEvent(tx, user, itemType, itemId, "RETURNED_BY_ACCOUNTING", text);
      return created;
    });
    await writeAudit(db, user, "accounting.return", "success", `Returned ${name} to the project manager: ${text}`);
    return { reason: row.reason, returnedByName: row.returnedByName, returnedAt: row.createdAt };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `${name} was already returned to its project manager. Refresh the page.`);
    throw error;
  }
}

/**
 * Resubmit to accounting: the project manager has dealt with the reason (fixed a link, recorded a change order, or
 * explains in the note) and puts the item back in Ready for accounting. Project managers and admins.
 */
export async function resubmitToAccounting(
  db: Db,
  user: SessionUser,
  itemType: ItemType,
  itemId: string,
  note: string,
): Promise<void> {
  if (!hasRole(user.role, CAN_EDIT))
    throw new AppError("FORBIDDEN", "Only project managers and admins can resubmit items to accounting.");
  const item = await loadSyncItem(db, user, itemType, itemId);
  const name = `${ITEM_LABELS[itemType]} ${item.number}`;
  const text = note.trim();
  await db.$transaction(async (tx) => {
    const { count } = await tx.accountingReturn.deleteMany({ where: { companyId: user.companyId, itemType, itemId } });
    if (count === 0)
      throw invalidState(`This ${label(itemType)} is not returned by accounting, so there is nothing to resubmit.`);
    await recordEvent(tx, user, itemType, itemId, "RESUBMITTED_TO_ACCOUNTING", text);
  });
  await writeAudit(
    db,
    user,
    "accounting.resubmit",
    "success",
    `Resubmitted ${name} to accounting${text ? `: ${text}` : ""}`,
  );
}

export type ReviewPreflight = { blockers: string[]; warnings: string[] };

/**
 * What a reviewer weighs before sending, for the items of one page of Ready for accounting: the same eligibility the
 * item page shows (our blockers and the provider's, the plan's warnings and each line's). Set-based: the items are
 * loaded together (a query per type, one for their prerequisites' syncs), and the provider reads what they share
 * (its settings, each project's tasks) once for the page.
 */
export async function loadReviewPreflight(
  db: Db,
  companyId: string,
  items: { itemType: ItemType; itemId: string }[],
): Promise<Map<string, ReviewPreflight>> {
  const result = new Map<string, ReviewPreflight>();
  if (items.length === 0) return result;
  const provider = await getAccountingProvider(db, companyId);
  const loaded = await loadSyncItems(db, companyId, items);
  const batch = new Map<string, Promise<unknown>>();
  for (const { itemType, itemId } of items) {
    const item = loaded.get(syncItemKey(itemType, itemId));
    if (!item) {
      result.set(itemId, { blockers: ["This item no longer exists."], warnings: [] });
      continue;
    }
    try {
      const planned = await provider.planFromCache(db, item, batch);
      const blockers = combineBlockers(item, provider, planned.blockers);
      const plan = planned.plan;
      const warnings = [...plan.warnings, ...plan.lines.flatMap((l) => (l.warning ? [l.warning] : []))];
      result.set(itemId, { blockers: blockers.map((b) => b.message), warnings: [...new Set(warnings)] });
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.set(itemId, { blockers: [error.userMessage], warnings: [] });
    }
  }
  return result;
}
