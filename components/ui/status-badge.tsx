import type { ItemStatus } from "@/lib/generated/prisma/enums";

const STYLES: Record<ItemStatus, string> = {
  DRAFT: "bg-slate-100 text-slate-700 ring-slate-300",
  PENDING_APPROVAL: "bg-amber-50 text-amber-800 ring-amber-300",
  APPROVED: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  REJECTED: "bg-red-50 text-red-800 ring-red-300",
};

const LABELS: Record<ItemStatus, string> = {
  DRAFT: "Draft",
  PENDING_APPROVAL: "Pending approval",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};

export function StatusBadge({ status }: { status: ItemStatus }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}
    >
      {LABELS[status]}
    </span>
  );
}
