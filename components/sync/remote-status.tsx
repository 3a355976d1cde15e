import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { DateTime } from "@/components/ui/time-zone";
import type { RemoteStatus } from "@/lib/sync/remote-status";

const TONES: Record<RemoteStatus["tone"], string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  good: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  warn: "bg-amber-50 text-amber-800 ring-amber-300",
  bad: "bg-red-50 text-red-800 ring-red-300",
};

const TEXT_TONES: Record<RemoteStatus["tone"], string> = {
  neutral: "text-slate-600",
  good: "text-emerald-700 font-medium",
  warn: "text-amber-700 font-medium",
  bad: "text-red-700 font-medium",
};

/** What the accounting system last said of the document, in the item's header beside the sync badge. */
export function RemoteStatusBadge({ status }: { status: RemoteStatus | null }) {
  if (!status) return null;
  return (
    <span
      data-testid="remote-status-badge"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status.tone]}`}
    >
      {status.label}
    </span>
  );
}

/** The same words in a list cell (item lists, the Accounting sync page); a dash when nothing was read yet. */
export function RemoteStatusText({ status }: { status: RemoteStatus | null }) {
  if (!status)
    return (
      <span className="text-slate-400" data-testid="remote-cell">
        —
      </span>
    );
  return (
    <span className={TEXT_TONES[status.tone]} data-testid="remote-cell">
      {status.label}
    </span>
  );
}

/**
 * The item's sync section card for the read-back: what the accounting system says now, when it was last asked, what
 * differs field by field when someone changed the document there, and the actions (check now, send again).
 */
export function RemoteStatusCard({
  providerName,
  status,
  checkedAt,
  actions,
}: {
  providerName: string;
  status: RemoteStatus | null;
  checkedAt: Date | null;
  actions?: ReactNode;
}) {
  return (
    <Card title={`In ${providerName}`} actions={actions}>
      <div className="space-y-1 p-4 text-sm" data-testid="remote-status">
        {status ? (
          <p>
            <span className={TEXT_TONES[status.tone]}>{status.label}</span>
            {status.detail ? <span className="text-slate-600"> · {status.detail}</span> : null}
          </p>
        ) : (
          <p className="text-slate-600">
            {checkedAt ? `Nothing new in ${providerName} since it was sent.` : `Not checked in ${providerName} yet.`}
          </p>
        )}
        <p className="text-xs text-slate-500" data-testid="remote-checked-at">
          Last checked: {checkedAt ? <DateTime value={checkedAt} /> : "never"}
        </p>
      </div>
      {status?.differences.length ? (
        <Table caption={`What differs between the app and ${providerName}`}>
          <thead>
            <tr>
              <Th>Field</Th>
              <Th>In the app</Th>
              <Th>In {providerName}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="drift-differences">
            {status.differences.map((d) => (
              <tr key={`${d.field}-${d.ours}-${d.theirs}`}>
                <Td>{d.field}</Td>
                <Td>{d.ours}</Td>
                <Td className="font-medium text-amber-800">{d.theirs}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </Card>
  );
}
