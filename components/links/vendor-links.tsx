"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { acceptVendorSuggestionsAction, linkVendorAction, unlinkVendorAction } from "@/app/(app)/contacts/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { Field, Select } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { Dialog } from "./dialog";
import { formatReference, InactiveBadge, type PickedReference, ReferencePicker } from "./reference-picker";

type VendorLinkRow = {
  id: string;
  name: string;
  taxId: string;
  intacctVendorId: string | null;
  vendor: PickedReference | null;
  sharedWithAnother: boolean;
  suggestion: { externalId: string; name: string; reason: string } | null;
};

type Notice = ({ tone: "success" | "error" | "info" } & ActionError) | null;

const REASON: Record<string, string> = { "tax-id": "same tax ID", name: "same name" };

function LinkDialog({
  companies,
  initial,
  onClose,
  onLinked,
}: {
  companies: { id: string; name: string }[];
  initial: { accountingCompanyId: string; vendor: PickedReference | null; editing: boolean };
  onClose: () => void;
  onLinked: (text: string) => void;
}) {
  const [companyId, setCompanyId] = useState(initial.accountingCompanyId);
  const [vendor, setVendor] = useState<PickedReference | null>(initial.vendor);
  const [error, setError] = useState<ActionError | null>(null);
  const [confirm, setConfirm] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);

  const save = async (confirmDuplicate: boolean) => {
    if (!companyId) return setError({ message: "Choose one of your accounting companies." });
    if (!vendor) return setError({ message: "Choose the matching Sage vendor." });
    setPending(true);
    setError(null);
    const result = await linkVendorAction({
      accountingCompanyId: companyId,
      intacctVendorId: vendor.externalId,
      confirmDuplicate,
    });
    setPending(false);
    const refused = readServerError(result);
    if (refused) return setError(refused);
    if (result?.validationErrors) return setError({ message: "Check the fields and try again." });
    const data = result?.data;
    if (!data) return;
    if (data.status === "needs-confirmation") return setConfirm(data.linkedTo);
    const name = companies.find((c) => c.id === companyId)?.name ?? "The accounting company";
    onLinked(`${name} is linked to Sage vendor ${formatReference(data.vendor)}.`);
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
      className="space-y-4"
    >
      <Field label="Accounting company" htmlFor="link-company">
        <Select
          id="link-company"
          value={companyId}
          disabled={initial.editing}
          onChange={(e) => {
            setCompanyId(e.target.value);
            setConfirm(null);
          }}
        >
          <option value="">Choose an accounting company…</option>
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <ReferencePicker
        id="link-vendor"
        label="Sage vendor"
        type="VENDOR"
        value={vendor}
        onChange={(v) => {
          setVendor(v);
          setConfirm(null);
        }}
        hint="Type the Intacct vendor ID or part of its name."
      />
      <ActionAlert message={error} />
      {confirm && vendor ? (
        <Alert tone="warning">
          Sage vendor {formatReference(vendor)} is already linked to {confirm.join(", ").replace(/\.$/, "")}. Linking
          one Intacct vendor to two of your accounting companies is how duplicate vendors start.
          <div className="mt-2">
            <Button variant="danger" size="sm" disabled={pending} onClick={() => void save(true)}>
              Link anyway
            </Button>
          </div>
        </Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}

export function VendorLinks({
  rows,
  companies,
  canEdit,
  suggestionCount,
}: {
  rows: VendorLinkRow[];
  companies: { id: string; name: string }[];
  canEdit: boolean;
  suggestionCount: number;
}) {
  const router = useRouter();
  const [dialog, setDialog] = useState<{
    accountingCompanyId: string;
    vendor: PickedReference | null;
    editing: boolean;
  } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, work: () => Promise<Notice>) => {
    setBusy(key);
    const next = await work();
    setBusy(null);
    setNotice(next);
    // A refused call changed nothing to re-render (and after a session ended, re-rendering would leave the page).
    if (next?.tone !== "error") router.refresh();
  };

  const accept = (ids?: string[]) =>
    run(ids ? `accept:${ids[0]}` : "accept-all", async () => {
      const result = await acceptVendorSuggestionsAction(ids ? { ids } : {});
      const refused = readServerError(result);
      if (refused) return { tone: "error", ...refused };
      const s = result?.data;
      if (!s) return null;
      const linked = `Linked ${s.linked} accounting ${s.linked === 1 ? "company" : "companies"} to Sage vendors.`;
      const skipped = s.skipped > 0 ? ` ${s.skipped} skipped (linked meanwhile or no longer suggested).` : "";
      return { tone: "success", message: `${linked}${skipped} ${s.remainingUnlinked} not linked.` };
    });

  const unlink = (row: VendorLinkRow) =>
    run(`unlink:${row.id}`, async () => {
      const result = await unlinkVendorAction({ accountingCompanyId: row.id });
      const refused = readServerError(result);
      if (refused) return { tone: "error", ...refused };
      return { tone: "info", message: `${row.name} is no longer linked to a Sage vendor.` };
    });

  return (
    <div className="space-y-4">
      {canEdit ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-600">
            {suggestionCount > 0
              ? `${suggestionCount} suggested ${suggestionCount === 1 ? "match" : "matches"} by name or tax ID.`
              : "No suggested matches."}
          </p>
          <div className="flex gap-2">
            {suggestionCount > 0 ? (
              <Button variant="secondary" onClick={() => void accept()} disabled={busy !== null}>
                Link all suggested
              </Button>
            ) : null}
            <Button
              onClick={() => {
                setNotice(null);
                setDialog({ accountingCompanyId: "", vendor: null, editing: false });
              }}
            >
              Add Accounting Company
            </Button>
          </div>
        </div>
      ) : null}
      <ActionAlert message={notice} tone={notice?.tone} />
      <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <Table caption="Accounting companies and their Sage Intacct vendors">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Tax ID</Th>
              <Th>Sage Intacct vendor</Th>
              {canEdit ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} data-testid="vendor-link-row" className="hover:bg-slate-50">
                <Td className="font-medium">
                  {canEdit ? (
                    <Link href={`/contacts/accounting-companies/${r.id}`} className="text-indigo-700 hover:underline">
                      {r.name}
                    </Link>
                  ) : (
                    r.name
                  )}
                </Td>
                <Td>{r.taxId || "—"}</Td>
                <Td>
                  {r.intacctVendorId ? (
                    <span>
                      {r.vendor
                        ? formatReference(r.vendor)
                        : `${r.intacctVendorId} (not in the records loaded from Intacct)`}
                      {r.vendor && !r.vendor.active ? <InactiveBadge /> : null}
                      {r.sharedWithAnother ? (
                        <span className="ml-2 text-xs text-amber-700">Also linked to another accounting company</span>
                      ) : null}
                    </span>
                  ) : (
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="text-slate-500">Not linked</span>
                      {r.suggestion ? (
                        <span className="inline-flex items-center gap-2" data-testid="vendor-suggestion">
                          <span
                            className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200"
                            title={`Suggested: ${REASON[r.suggestion.reason] ?? r.suggestion.reason}`}
                          >
                            Suggested
                          </span>
                          <span className="text-slate-700">{formatReference(r.suggestion)}</span>
                          {canEdit ? (
                            <Button
                              size="sm"
                              variant="secondary"
                              disabled={busy !== null}
                              onClick={() => void accept([r.id])}
                              aria-label={`Accept suggestion for ${r.name}`}
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
                    <span className="inline-flex gap-2">
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Edit link of ${r.name}`}
                        onClick={() => {
                          setNotice(null);
                          setDialog({
                            accountingCompanyId: r.id,
                            vendor:
                              r.vendor ??
                              (r.intacctVendorId ? { externalId: r.intacctVendorId, name: "", active: false } : null),
                            editing: true,
                          });
                        }}
                      >
                        {r.intacctVendorId ? "Edit" : "Link"}
                      </Button>
                      {r.intacctVendorId ? (
                        <Button
                          size="sm"
                          variant="danger"
                          aria-label={`Unlink ${r.name}`}
                          disabled={busy !== null}
                          onClick={() => void unlink(r)}
                        >
                          Unlink
                        </Button>
                      ) : null}
                    </span>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <Dialog
        open={dialog !== null}
        title={dialog?.editing ? "Edit Accounting Company link" : "Add Accounting Company"}
        onClose={() => setDialog(null)}
      >
        {dialog ? (
          <LinkDialog
            companies={companies}
            initial={dialog}
            onClose={() => setDialog(null)}
            onLinked={(text) => {
              setDialog(null);
              setNotice({ tone: "success", message: text });
              router.refresh();
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
