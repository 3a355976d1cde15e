import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/time-zone";
import type { ApprovalAction } from "@/lib/generated/prisma/enums";

const VERBS: Record<ApprovalAction, string> = {
  CREATED: "created",
  EDITED: "edited",
  SUBMITTED: "submitted for approval",
  APPROVED: "approved",
  REJECTED: "rejected",
  RETURNED_BY_ACCOUNTING: "returned it to the project manager (accounting review)",
  RESUBMITTED_TO_ACCOUNTING: "resubmitted it to accounting",
};

export function History({
  events,
}: {
  events: { id: string; action: ApprovalAction; actorName: string; comment: string; createdAt: Date }[];
}) {
  return (
    <Card title="History">
      <ol className="divide-y divide-slate-100" data-testid="history">
        {events.map((event) => (
          <li key={event.id} className="px-4 py-2.5 text-sm">
            <span className="font-medium text-slate-900">{event.actorName}</span>{" "}
            <span className="text-slate-600">{VERBS[event.action]}</span>
            <span className="text-slate-500">
              {" "}
              · <DateTime value={event.createdAt} />
            </span>
            {event.comment ? <p className="mt-0.5 text-slate-600">“{event.comment}”</p> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
