// The approval workflow shared by all five financial items: Draft → Pending approval → Approved | Rejected.
// Transitions are conditional UPDATEs (status in the WHERE clause), so two people clicking Approve at once
// cannot both succeed, and each writes one ApprovalEvent in the same transaction.
import "server-only";
import { CAN_APPROVE, hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db, DbOrTx, DbTx } from "@/lib/db/client";
import { AppError, invalidState, notFound } from "@/lib/errors/app-error";
import type { ApprovalAction, ItemStatus, ItemType } from "@/lib/generated/prisma/enums";
import { formatCents } from "@/lib/format/money";
import {
  describeLineBelowBilled,
  findLineBelowBilled,
  describeBillable,
  getBillableLines,
  getContractLineBalances,
} from "./contract-balances";

export const ITEM_LABELS: Record<ItemType, string> = {
  BUDGET: "Budget",
  BUDGET_CHANGE: "Budget change",
  CONTRACT: "Contract",
  CONTRACT_CHANGE: "Contract change",
  INVOICE: "Invoice",
};

const EDITABLE_STATUSES: ItemStatus[] = ["DRAFT", "REJECTED"];

export function isEditable(status: ItemStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

type ItemHeader = {
  id: string;
  companyId: string;
  status: ItemStatus;
  submittedById: string | null;
  submittedAt: Date | null;
};
/** One submission of an item: who submitted it and when. A decision applies to the submission it was checked on. */
type Submission = Pick<ItemHeader, "submittedById" | "submittedAt">;
type StatusDelegate = {
  findFirst(args: {
    where: { id: string; companyId: string };
    select: Record<string, true>;
  }): Promise<ItemHeader | null>;
  updateMany(args: {
    where: { id: string; companyId: string; status: { in: ItemStatus[] } } & Partial<Submission>;
    data: Record<string, unknown>;
  }): Promise<{ count: number }>;
};

function getDelegate(db: DbOrTx, type: ItemType): StatusDelegate {
  const delegates = {
    BUDGET: db.budget,
    BUDGET_CHANGE: db.budgetChange,
    CONTRACT: db.contract,
    CONTRACT_CHANGE: db.contractChange,
    INVOICE: db.invoice,
  } as const;
  // The five models share the workflow columns; Prisma's per-model generics do not express that.
  return delegates[type] as unknown as StatusDelegate;
}

const HEADER_SELECT = { id: true, companyId: true, status: true, submittedById: true, submittedAt: true } as const;

async function loadHeader(db: DbOrTx, user: SessionUser, type: ItemType, id: string): Promise<ItemHeader> {
  const item = await getDelegate(db, type).findFirst({
    where: { id, companyId: user.companyId },
    select: HEADER_SELECT,
  });
  if (!item) throw notFound(`That ${ITEM_LABELS[type].toLowerCase()}`);
  return item;
}

export async function recordEvent(
  db: DbOrTx,
  user: SessionUser,
  type: ItemType,
  itemId: string,
  action: ApprovalAction,
  comment = "",
): Promise<void> {
  await db.approvalEvent.create({
    data: {
      companyId: user.companyId,
      itemType: type,
      itemId,
      action,
      actorId: user.id,
      actorName: user.name,
      comment,
    },
  });
}

// Rules that depend on other records: what must already be approved before this item can go for approval.
async function checkCanSubmit(db: DbOrTx, user: SessionUser, type: ItemType, id: string): Promise<void> {
  const where = { id, companyId: user.companyId };
  switch (type) {
    case "BUDGET": {
      const budget = await db.budget.findFirst({ where, select: { _count: { select: { lines: true } } } });
      if (!budget?._count.lines) throw invalidState("Add at least one line before submitting the budget.");
      return;
    }
    case "BUDGET_CHANGE": {
      const change = await db.budgetChange.findFirst({
        where,
        select: { budget: { select: { status: true } }, _count: { select: { lines: true } } },
      });
      if (!change?._count.lines) throw invalidState("Add at least one line before submitting the budget change.");
      if (change.budget.status !== "APPROVED")
        throw invalidState("The project's budget must be approved before a budget change can be submitted.");
      return;
    }
    case "CONTRACT": {
      const contract = await db.contract.findFirst({ where, select: { _count: { select: { lines: true } } } });
      if (!contract?._count.lines) throw invalidState("Add at least one line before submitting the contract.");
      return;
    }
    case "CONTRACT_CHANGE": {
      const change = await db.contractChange.findFirst({
        where,
        select: { contract: { select: { status: true } }, _count: { select: { lines: true } } },
      });
      if (!change?._count.lines) throw invalidState("Add at least one line before submitting the contract change.");
      if (change.contract.status !== "APPROVED")
        throw invalidState("The contract must be approved before a change to it can be submitted.");
      return;
    }
    case "INVOICE": {
      const invoice = await db.invoice.findFirst({
        where,
        select: { contract: { select: { status: true } }, _count: { select: { lines: true } } },
      });
      if (!invoice?._count.lines) throw invalidState("Add at least one line before submitting the invoice.");
      if (invoice.contract.status !== "APPROVED")
        throw invalidState("The contract must be approved before an invoice against it can be submitted.");
      return;
    }
  }
}

// The same checks run when an item is submitted and when it is approved; what the reader can do next differs.
type GuardedStep = "submit" | "approve";
const NEXT_STEP: Record<GuardedStep, (item: string) => string> = {
  submit: (item) => `Edit the ${item} before submitting it.`,
  approve: (item) => `Reject the ${item} so it can be edited and submitted again.`,
};

// An invoice may not bill more than remains on its contract lines once every other approved or pending invoice
// is counted. Checked again at submit and approve (not only on save) under a lock on the contract row, so two
// drafts that each bill the whole remainder cannot both get through.
async function assertInvoiceWithinContract(
  tx: DbTx,
  user: SessionUser,
  invoiceId: string,
  step: GuardedStep,
): Promise<void> {
  const invoice = await tx.invoice.findFirst({
    where: { id: invoiceId, companyId: user.companyId },
    include: { lines: true },
  });
  if (!invoice) throw notFound("That invoice");
  await tx.$queryRaw`SELECT id FROM "Contract" WHERE id = ${invoice.contractId}::uuid FOR UPDATE`;
  // Contract lines and the lines approved changes added, by id (a line bills exactly one of them).
  const balances = new Map((await getBillableLines(tx, user, invoice.contractId, invoice.id)).map((b) => [b.id, b]));
  const billed = new Map<string, number>();
  for (const line of invoice.lines) {
    const lineId = line.contractLineId ?? line.contractChangeLineId ?? "";
    billed.set(lineId, (billed.get(lineId) ?? 0) + Number(line.amountCents));
  }
  for (const [lineId, cents] of billed) {
    const balance = balances.get(lineId);
    if (balance && cents > balance.remainingCents) {
      throw invalidState(
        `This invoice bills ${formatCents(cents)} on ${describeBillable(balance)}, but only ${formatCents(balance.remainingCents)} remains after other approved and pending invoices. ${NEXT_STEP[step]("invoice")}`,
      );
    }
  }
}

// A change may lower a contract line, but not below what approved and pending invoices bill on it. Checked at save,
// and again at submit and approve under the same contract-row lock as invoices: a change and an invoice approved
// at the same moment cannot together overdraw a line, nor can two pending changes that each passed alone.
async function assertChangeCoversBilled(
  tx: DbTx,
  user: SessionUser,
  changeId: string,
  step: GuardedStep,
): Promise<void> {
  const change = await tx.contractChange.findFirst({
    where: { id: changeId, companyId: user.companyId },
    include: { lines: true },
  });
  if (!change) throw notFound("That contract change");
  await tx.$queryRaw`SELECT id FROM "Contract" WHERE id = ${change.contractId}::uuid FOR UPDATE`;
  const overdrawn = findLineBelowBilled(await getContractLineBalances(tx, user, change.contractId), change.lines);
  if (overdrawn) throw invalidState(`${describeLineBelowBilled(overdrawn)} ${NEXT_STEP[step]("change")}`);
}

function findGuard(
  user: SessionUser,
  type: ItemType,
  id: string,
  step: GuardedStep,
): ((tx: DbTx) => Promise<void>) | undefined {
  if (type === "INVOICE") return (tx) => assertInvoiceWithinContract(tx, user, id, step);
  if (type === "CONTRACT_CHANGE") return (tx) => assertChangeCoversBilled(tx, user, id, step);
  return undefined;
}

async function transition(
  db: Db,
  user: SessionUser,
  type: ItemType,
  id: string,
  options: {
    from: ItemStatus[];
    /** The submission the caller checked: the update applies only if the item is still that submission. */
    submission?: Submission;
    data: Record<string, unknown>;
    action: ApprovalAction;
    comment?: string;
    refusal: string;
    guard?: (tx: DbTx) => Promise<void>;
  },
): Promise<void> {
  await db.$transaction(async (tx) => {
    if (options.guard) await options.guard(tx);
    const where = { id, companyId: user.companyId, status: { in: options.from }, ...options.submission };
    const { count } = await getDelegate(tx, type).updateMany({ where, data: options.data });
    if (count === 0) {
      const now = await loadHeader(tx, user, type, id);
      if (options.submission && options.from.includes(now.status)) throw invalidState(resubmitted(type));
      throw invalidState(options.refusal);
    }
    await recordEvent(tx, user, type, id, options.action, options.comment);
  });
}

export async function submitItem(db: Db, user: SessionUser, type: ItemType, id: string): Promise<void> {
  await loadHeader(db, user, type, id);
  await checkCanSubmit(db, user, type, id);
  await transition(db, user, type, id, {
    from: EDITABLE_STATUSES,
    data: {
      status: "PENDING_APPROVAL",
      submittedById: user.id,
      submittedAt: new Date(),
      decidedById: null,
      decidedAt: null,
      rejectionReason: "",
    },
    action: "SUBMITTED",
    guard: findGuard(user, type, id, "submit"),
    refusal: `This ${ITEM_LABELS[type].toLowerCase()} was already submitted. Refresh the page to see its current status.`,
  });
}

// Segregation of duties: a project manager cannot approve or reject what they submitted themselves; an admin can.
export function canUserDecide(user: SessionUser, submittedById: string | null): boolean {
  if (!hasRole(user.role, CAN_APPROVE)) return false;
  return user.role === "ADMIN" || submittedById !== user.id;
}

const resubmitted = (type: ItemType) =>
  `This ${ITEM_LABELS[type].toLowerCase()} was edited and submitted again since you opened it. Refresh the page to review what you decide on.`;

/** `seenSubmittedAt`: the submission on the decider's screen (ISO). Deciding on a newer one would approve unseen changes. */
function checkCanDecide(
  user: SessionUser,
  type: ItemType,
  item: ItemHeader,
  seenSubmittedAt: string | undefined,
): Submission {
  if (!canUserDecide(user, item.submittedById)) {
    throw new AppError("FORBIDDEN", "You submitted this item, so someone else must approve or reject it.");
  }
  if (
    seenSubmittedAt !== undefined &&
    item.status === "PENDING_APPROVAL" &&
    item.submittedAt?.toISOString() !== seenSubmittedAt
  )
    throw invalidState(resubmitted(type));
  // The checks above hold for this submission only: a resubmission between them and the update (by its own
  // submitter, say) must not be approved on their strength.
  return { submittedById: item.submittedById, submittedAt: item.submittedAt };
}

type Decision = { seenSubmittedAt?: string };

export async function approveItem(
  db: Db,
  user: SessionUser,
  type: ItemType,
  id: string,
  decision: Decision = {},
): Promise<void> {
  const item = await loadHeader(db, user, type, id);
  const submission = checkCanDecide(user, type, item, decision.seenSubmittedAt);
  await transition(db, user, type, id, {
    from: ["PENDING_APPROVAL"],
    submission,
    data: { status: "APPROVED", decidedById: user.id, decidedAt: new Date() },
    action: "APPROVED",
    guard: findGuard(user, type, id, "approve"),
    refusal: `Only items pending approval can be approved. Refresh the page to see this ${ITEM_LABELS[type].toLowerCase()}'s current status.`,
  });
}

export async function rejectItem(
  db: Db,
  user: SessionUser,
  type: ItemType,
  id: string,
  reason: string,
  decision: Decision = {},
): Promise<void> {
  const item = await loadHeader(db, user, type, id);
  const submission = checkCanDecide(user, type, item, decision.seenSubmittedAt);
  await transition(db, user, type, id, {
    from: ["PENDING_APPROVAL"],
    submission,
    data: { status: "REJECTED", decidedById: user.id, decidedAt: new Date(), rejectionReason: reason },
    action: "REJECTED",
    comment: reason,
    refusal: `Only items pending approval can be rejected. Refresh the page to see this ${ITEM_LABELS[type].toLowerCase()}'s current status.`,
  });
}

export async function listEvents(db: Db, user: SessionUser, type: ItemType, itemId: string) {
  return db.approvalEvent.findMany({
    where: { companyId: user.companyId, itemType: type, itemId },
    orderBy: { createdAt: "asc" },
  });
}

export function assertEditable(status: ItemStatus, type: ItemType): void {
  if (isEditable(status)) return;
  const label = ITEM_LABELS[type].toLowerCase();
  throw invalidState(
    status === "APPROVED"
      ? `This ${label} is approved and can no longer be edited. Record further changes as a change order.`
      : `This ${label} is pending approval and cannot be edited until it is approved or rejected.`,
  );
}
