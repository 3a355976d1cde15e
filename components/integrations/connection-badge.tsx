import type { ConnectionView } from "@/lib/integrations/types";

const BADGES: Record<ConnectionView["status"], { label: string; style: string }> = {
  NOT_CONNECTED: { label: "Not connected", style: "bg-slate-100 text-slate-700 ring-slate-300" },
  DISCONNECTED: { label: "Not connected", style: "bg-slate-100 text-slate-700 ring-slate-300" },
  CONNECTED: { label: "Connected", style: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
  NEEDS_ATTENTION: { label: "Needs attention", style: "bg-amber-50 text-amber-800 ring-amber-300" },
};

export function ConnectionBadge({ status }: { status: ConnectionView["status"] }) {
  const badge = BADGES[status];
  return (
    <span
      data-testid="connection-badge"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.style}`}
    >
      {badge.label}
    </span>
  );
}
