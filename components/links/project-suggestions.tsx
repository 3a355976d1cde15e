"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptProjectSuggestionsAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export type ProjectSuggestionRow = {
  projectId: string;
  number: string;
  name: string;
  externalId: string;
  externalName: string;
  reason: string;
};

const REASON: Record<string, string> = { code: "same number", name: "same name" };

/** Suggested Intacct projects for unlinked projects, with Accept and Link all suggested (and their progress). */
export function ProjectSuggestions({ rows }: { rows: ProjectSuggestionRow[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const [notice, setNotice] = useState<(ActionError & { tone: "success" | "error" }) | null>(null);

  const accept = async (ids?: string[]) => {
    setBusy(ids ? (ids[0] ?? "") : "all");
    setNotice(null);
    const result = await acceptProjectSuggestionsAction(ids ? { ids } : {});
    setBusy(null);
    const refused = readServerError(result);
    if (refused) return setNotice({ tone: "error", ...refused });
    const s = result?.data;
    if (!s) return;
    // The notice shows once the list it describes has re-rendered.
    startRefresh(() => {
      router.refresh();
      setNotice({
        tone: "success",
        message: `Linked ${s.linked} ${s.linked === 1 ? "project" : "projects"} to Intacct projects.${s.skipped ? ` ${s.skipped} skipped (linked meanwhile or no longer suggested).` : ""} ${s.remainingUnlinked} not linked.`,
      });
    });
  };

  const working = busy !== null || refreshing;
  // Stays mounted with no suggestions left, so the notice of the last accept is still there after the refresh.
  if (rows.length === 0 && !notice) return null;
  return (
    <div className="space-y-3">
      <ActionAlert message={notice} tone={notice?.tone} />
      {rows.length ? (
        <Card title={`Suggested Intacct projects (${rows.length})`}>
          <div className="space-y-3 p-4 text-sm" data-testid="project-suggestions">
            <ul className="divide-y divide-slate-100">
              {rows.map((r) => (
                <li
                  key={r.projectId}
                  className="flex flex-wrap items-center justify-between gap-2 py-2"
                  data-testid="project-suggestion"
                >
                  <span>
                    {/* The link is the number alone, so "Riverside…" still names one link on the page. */}
                    <Link
                      href={`/projects/${r.projectId}/settings#integrations`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {r.number}
                    </Link>{" "}
                    <span className="font-medium text-slate-900">{r.name}</span> →{" "}
                    <span className="text-slate-800">
                      {r.externalId} · {r.externalName}
                    </span>{" "}
                    <span className="text-xs text-slate-500">({REASON[r.reason] ?? r.reason})</span>
                  </span>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={working}
                    aria-label={`Accept suggestion for ${r.number} ${r.name}`}
                    onClick={() => void accept([r.projectId])}
                  >
                    {busy === r.projectId ? "Linking…" : "Accept"}
                  </Button>
                </li>
              ))}
            </ul>
            <div className="flex items-center gap-3">
              <Button disabled={working} onClick={() => void accept()}>
                {busy === "all" ? `Linking ${rows.length} projects…` : "Link all suggested"}
              </Button>
              {working ? (
                <span role="status" className="text-slate-600">
                  {refreshing ? "Updating the list…" : "Linking…"}
                </span>
              ) : null}
            </div>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
