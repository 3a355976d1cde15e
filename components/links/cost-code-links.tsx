"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { acceptCostCodeSuggestionsAction } from "@/app/(app)/lists/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { CostCodeMenu } from "@/components/items/cost-code-menu";
import { WITHOUT_CODE_HINT } from "./cost-code-link-editor";
import { formatReference, InactiveBadge, type PickedReference } from "./reference-picker";

type CostCodeLinkRow = {
  id: string;
  code: string;
  name: string;
  intacctStandardTaskId: string | null;
  standardTask: PickedReference | null;
  suggestion: PickedReference | null;
};

export function CostCodeLinks({
  rows,
  canEdit,
  suggestionCount,
  withoutAccountingCode,
}: {
  rows: CostCodeLinkRow[];
  canEdit: boolean;
  suggestionCount: number;
  withoutAccountingCode: number;
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<({ tone: "success" | "error" } & ActionError) | null>(null);
  const [busy, setBusy] = useState(false);

  const accept = async (ids?: string[]) => {
    setBusy(true);
    const result = await acceptCostCodeSuggestionsAction(ids ? { ids } : {});
    setBusy(false);
    const refused = readServerError(result);
    // A refused call changed nothing to re-render (and after a session ended, re-rendering would leave the page).
    if (refused) return setNotice({ tone: "error", ...refused });
    if (result?.data) {
      const s = result.data;
      setNotice({
        tone: "success",
        message: `Connected ${s.linked} cost ${s.linked === 1 ? "code" : "codes"} to Intacct.${s.skipped ? ` ${s.skipped} skipped.` : ""} ${s.remainingUnlinked} not connected.`,
      });
    }
    router.refresh();
  };

  return (
    <div className="space-y-4">
      {withoutAccountingCode > 0 ? (
        <Alert tone="warning">
          {withoutAccountingCode} cost {withoutAccountingCode === 1 ? "code has" : "codes have"} no Connected Accounting
          Cost Code and no match in Intacct&apos;s standard cost code catalog. Their lines will sync to Intacct without
          a cost code.
        </Alert>
      ) : null}
      {canEdit && suggestionCount > 0 ? (
        <div className="flex items-center justify-between gap-2">
          <p className="text-sm text-slate-600">
            {suggestionCount} suggested {suggestionCount === 1 ? "match" : "matches"} by code or name.
          </p>
          <Button variant="secondary" disabled={busy} onClick={() => void accept()}>
            Accept all suggestions
          </Button>
        </div>
      ) : null}
      <ActionAlert message={notice} tone={notice?.tone} />
      <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <Table caption="Project cost codes and their Connected Accounting Cost Codes">
          <thead>
            <tr>
              <Th>Code</Th>
              <Th>Name</Th>
              <Th>Connected Accounting Cost Code</Th>
              {canEdit ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} data-testid="cost-code-row" className="align-top hover:bg-slate-50">
                <Td className="font-medium">
                  <Link href={`/lists/cost-codes/${r.id}`} className="text-indigo-700 hover:underline">
                    {r.code}
                  </Link>
                </Td>
                <Td>{r.name}</Td>
                <Td className="whitespace-normal">
                  {r.intacctStandardTaskId ? (
                    <span>
                      {r.standardTask
                        ? formatReference(r.standardTask)
                        : `${r.intacctStandardTaskId} (not in the records loaded from Intacct)`}
                      {r.standardTask && !r.standardTask.active ? <InactiveBadge /> : null}
                    </span>
                  ) : (
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="text-slate-500" title={WITHOUT_CODE_HINT}>
                        {r.suggestion ? "Not linked" : "Not in Intacct — syncs without a cost code"}
                      </span>
                      {r.suggestion ? (
                        <span className="inline-flex items-center gap-2" data-testid="cost-code-suggestion">
                          <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200">
                            Suggested
                          </span>
                          <span>{formatReference(r.suggestion)}</span>
                          {canEdit ? (
                            <Button
                              size="sm"
                              variant="secondary"
                              disabled={busy}
                              aria-label={`Accept suggestion for ${r.code}`}
                              onClick={() => void accept([r.id])}
                            >
                              Accept
                            </Button>
                          ) : null}
                        </span>
                      ) : null}
                    </span>
                  )}
                </Td>
                {canEdit ? (
                  <Td className="text-right">
                    <CostCodeMenu costCodeId={r.id} code={r.code} returnTo="/lists/cost-codes" inCatalog />
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </div>
  );
}
