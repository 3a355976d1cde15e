"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addProjectTasksAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";

type Outcome = { standardTaskId: string; status: "created" | "existed" | "failed"; detail: string };

function describe(intacctProjectId: string, outcomes: Outcome[]): { tone: "success" | "warning"; text: string } {
  const added = outcomes.filter((o) => o.status !== "failed").map((o) => o.standardTaskId);
  const failed = outcomes.filter((o) => o.status === "failed");
  const parts = [
    added.length
      ? `Intacct project ${intacctProjectId} now has ${added.length === 1 ? "task" : "tasks"} ${added.join(", ")}.`
      : "",
    ...failed.map((o) => `${o.standardTaskId} was not added: ${o.detail}`),
  ];
  return { tone: failed.length ? "warning" : "success", text: parts.filter(Boolean).join(" ") };
}

/**
 * "Add N tasks to Intacct project P-1001": creates the project's missing tasks from the linked standard cost codes
 * (one request), then refreshes the page so the preflight shows the lines with their cost codes.
 */
export function AddProjectTasks({
  projectId,
  intacctProjectId,
  standardTaskIds,
  className = "",
}: {
  projectId: string;
  intacctProjectId: string;
  /** The tasks to add (the preflight passes its item's; Project Settings every missing one). None: renders nothing
   * but the notice of an addition just made, so that notice stays while the page re-renders without the gap. */
  standardTaskIds: string[];
  className?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const [done, setDone] = useState<{ tone: "success" | "warning"; text: string } | null>(null);
  const count = standardTaskIds.length;

  const run = async () => {
    setPending(true);
    setError(null);
    const result = await addProjectTasksAction({ projectId, standardTaskIds });
    setPending(false);
    const refused = readServerError(result);
    if (refused) return setError(refused);
    const data = result?.data;
    if (!data) return setError({ message: "Check the request and try again." });
    // The notice appears with the data it describes: after the page has re-rendered with the new tasks.
    startRefresh(() => {
      router.refresh();
      setDone(describe(data.intacctProjectId, data.outcomes));
    });
  };

  if (count === 0 && !done && !error) return null;
  return (
    <div className={`space-y-2 ${className}`} data-testid="add-project-tasks">
      {done || count === 0 ? null : (
        <Button size="sm" onClick={() => void run()} disabled={pending || refreshing}>
          {pending
            ? `Adding ${count} ${count === 1 ? "task" : "tasks"}…`
            : `Add ${count} ${count === 1 ? "task" : "tasks"} to Intacct project ${intacctProjectId}`}
        </Button>
      )}
      <ActionAlert message={error} />
      {done ? (
        <ActionAlert message={{ message: done.text }} tone={done.tone === "success" ? "success" : "info"} />
      ) : null}
    </div>
  );
}
