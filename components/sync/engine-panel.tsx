import type { ReactNode } from "react";
import { DateTime } from "@/components/ui/time-zone";
import type { EngineStats } from "@/lib/sync/runs";

// The admin's view of the job engine: what waits, what runs, what failed in the last day, the oldest waiting job.
export function EnginePanel({ stats }: { stats: EngineStats }) {
  const cells: [string, ReactNode][] = [
    ["Queued", String(stats.queued)],
    ["Running", String(stats.running)],
    ["Failed (24 h)", String(stats.failed24h)],
    ["Oldest waiting", <DateTime key="oldest" value={stats.oldestWaitingAt} />],
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 p-4 text-sm sm:grid-cols-4" data-testid="engine-panel">
      {cells.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs uppercase text-slate-500">{label}</dt>
          <dd className="font-semibold text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
