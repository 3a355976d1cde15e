import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/time-zone";

// What the actor did, worded for a success and for an attempt that failed ("tried to connect", not "connected").
const ACTIONS: Record<string, { success: string; failure: string }> = {
  "integration.connect": { success: "connected Sage Intacct", failure: "tried to connect Sage Intacct" },
  "integration.update": { success: "updated the credentials", failure: "tried to update the credentials" },
  "integration.test": { success: "tested the connection", failure: "tested the connection" },
  "integration.disconnect": { success: "disconnected Sage Intacct", failure: "tried to disconnect Sage Intacct" },
  "integration.settings": { success: "changed the sync settings", failure: "tried to change the sync settings" },
  "integration.import-vendors": {
    success: "imported vendors from Sage Intacct",
    failure: "tried to import vendors from Sage Intacct",
  },
  "integration.create-vendor": {
    success: "created vendors in Sage Intacct",
    failure: "tried to create vendors in Sage Intacct",
  },
  "integration.create-project": {
    success: "created projects in Sage Intacct",
    failure: "tried to create projects in Sage Intacct",
  },
  "company.time-zone": { success: "set the company's time zone", failure: "tried to set the company's time zone" },
  "integration.create-tasks": {
    success: "added tasks to an Intacct project",
    failure: "tried to add tasks to an Intacct project",
  },
  "accounting.send": { success: "sent reviewed items to accounting", failure: "tried to send items to accounting" },
  "accounting.return": {
    success: "returned an item to its project manager",
    failure: "tried to return an item to its project manager",
  },
  "accounting.resubmit": { success: "resubmitted an item to accounting", failure: "tried to resubmit an item" },
};

export function AuditList({
  entries,
}: {
  entries: { id: string; actorName: string; action: string; outcome: string; detail: string; createdAt: Date }[];
}) {
  return (
    <Card title="Activity">
      <ol className="divide-y divide-slate-100 text-sm" data-testid="audit-log">
        {entries.length === 0 ? <li className="px-4 py-3 text-slate-500">No activity yet.</li> : null}
        {entries.map((e) => (
          <li key={e.id} className="px-4 py-2.5">
            <span className="font-medium text-slate-900">{e.actorName}</span>{" "}
            {ACTIONS[e.action]?.[e.outcome === "success" ? "success" : "failure"] ?? e.action}{" "}
            <span className={e.outcome === "success" ? "text-emerald-700" : "text-red-700"}>
              ({e.outcome === "success" ? "succeeded" : "failed"})
            </span>
            <span className="text-slate-500">
              {" "}
              · <DateTime value={e.createdAt} />
            </span>
            {e.detail ? <p className="mt-0.5 text-xs text-slate-500">{e.detail}</p> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
