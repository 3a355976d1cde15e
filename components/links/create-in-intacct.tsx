"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createVendorsInIntacctAction } from "@/app/(app)/contacts/actions";
import { createProjectsInIntacctAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readServerError, type ActionError } from "@/components/forms/action-result";
import { Field, TextInput } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "./dialog";
import { type PickedReference, ReferencePicker } from "./reference-picker";

type Outcome = { status: "created" | "skipped" | "failed"; externalId: string | null; detail: string };

function readOutcome(
  result: { data?: Outcome[]; serverError?: unknown; validationErrors?: unknown } | undefined,
): { ok: true; outcome: Outcome } | { ok: false; error: ActionError } {
  const refused = readServerError(result as Parameters<typeof readServerError>[0]);
  if (refused) return { ok: false, error: refused };
  const outcome = result?.data?.[0];
  if (!outcome) return { ok: false, error: { message: "Check the fields and try again." } };
  if (outcome.status === "failed") return { ok: false, error: { message: outcome.detail } };
  return { ok: true, outcome };
}

/** "Create in Intacct" for one accounting company: a VENDOR with our record's details, under an id the admin may change. */
export function CreateVendorButton({
  accountingCompanyId,
  name,
  suggestedVendorId,
  onCreated,
}: {
  accountingCompanyId: string;
  name: string;
  suggestedVendorId: string;
  onCreated: (text: string) => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [vendorId, setVendorId] = useState(suggestedVendorId);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);
  const [, startRefresh] = useTransition();

  const create = async () => {
    if (!vendorId.trim()) return setError({ message: "Enter the Intacct vendor ID to create." });
    setPending(true);
    setError(null);
    const read = readOutcome(
      await createVendorsInIntacctAction({ companies: [{ accountingCompanyId, vendorId: vendorId.trim() }] }),
    );
    setPending(false);
    if (!read.ok) return setError(read.error);
    setOpen(false);
    startRefresh(() => {
      router.refresh();
      onCreated(
        read.outcome.status === "created"
          ? `Created Sage vendor ${read.outcome.externalId} from ${name} and linked it.`
          : `${name}: ${read.outcome.detail}.`,
      );
    });
  };

  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Create ${name} in Intacct`}
        onClick={() => {
          setError(null);
          setVendorId(suggestedVendorId);
          setOpen(true);
        }}
      >
        Create in Intacct
      </Button>
      <Dialog open={open} title={`Create ${name} in Sage Intacct`} onClose={() => setOpen(false)}>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <p className="text-sm text-slate-600">
            Creates a Sage Intacct vendor with this company&apos;s name, tax ID, address and contact, and links it.
          </p>
          <Field label="Intacct vendor ID" htmlFor={`vendor-id-${accountingCompanyId}`}>
            <TextInput
              id={`vendor-id-${accountingCompanyId}`}
              value={vendorId}
              maxLength={20}
              onChange={(e) => setVendorId(e.target.value)}
              invalid={Boolean(error)}
            />
          </Field>
          <ActionAlert message={error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create vendor"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

/** Project Settings: create this project in Intacct (our number as PROJECTID, with its entity) and link it. */
export function CreateProjectInIntacct({
  projectId,
  number,
  entity,
  linked,
}: {
  projectId: string;
  number: string;
  entity: PickedReference | null;
  /** Already linked: nothing to offer, except the notice of the creation that just linked it. */
  linked: boolean;
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<PickedReference | null>(entity);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [, startRefresh] = useTransition();

  const create = async () => {
    setPending(true);
    setError(null);
    const read = readOutcome(
      await createProjectsInIntacctAction({ projects: [{ projectId, entityId: chosen?.externalId ?? "" }] }),
    );
    setPending(false);
    if (!read.ok) return setError(read.error);
    startRefresh(() => {
      router.refresh();
      setDone(`Created Intacct project ${read.outcome.externalId ?? number} and linked it.`);
    });
  };

  if (linked && !done) return null;
  if (done)
    return (
      <div data-testid="create-project-in-intacct">
        <ActionAlert message={{ message: done }} tone="success" />
      </div>
    );
  return (
    <Card title="Not in Sage Intacct yet?">
      <div className="space-y-3 p-4 text-sm" data-testid="create-project-in-intacct">
        <p className="text-slate-600">
          Create this project in Sage Intacct as {number}, in the entity below, and link it.
        </p>
        <ReferencePicker
          id="create-project-entity"
          label="Entity"
          type="ENTITY"
          value={chosen}
          onChange={setChosen}
          hint="Required in a multi-entity company."
        />
        <ActionAlert message={error} />
        <Button onClick={() => void create()} disabled={pending}>
          {pending ? "Creating…" : `Create ${number} in Intacct`}
        </Button>
      </div>
    </Card>
  );
}
