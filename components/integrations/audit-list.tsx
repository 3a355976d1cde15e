import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format/dates";

const ACTIONS: Record<string, string> = {
  "integration.connect": "connected Sage Intacct",
  "integration.update": "updated the credentials",
  "integration.test": "tested the connection",
  "integration.disconnect": "disconnected Sage Intacct",
  "integration.settings": "changed the sync settings",
};

export function AuditList({ entries }: { entries: { id: string; actorName: string; action: string; outcome: string; detail: string; createdAt: Date }[] }) {
  return (
    <Card title="Activity">
      <ol className="divide-y divide-slate-100 text-sm" data-testid="audit-log">
        {entries.length === 0 ? <li className="px-4 py-3 text-slate-500">No activity yet.</li> : null}
        {entries.map((e) => (
          <li key={e.id} className="px-4 py-2.5">
            <span className="font-medium text-slate-900">{e.actorName}</span> {ACTIONS[e.action] ?? e.action}{" "}
            <span className={e.outcome === "success" ? "text-emerald-700" : "text-red-700"}>({e.outcome === "success" ? "succeeded" : "failed"})</span>
            <span className="text-slate-400"> · {formatDateTime(e.createdAt)}</span>
            {e.detail ? <p className="mt-0.5 text-xs text-slate-500">{e.detail}</p> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
