"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveProjectLinksAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readActionErrors, type FormErrors } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { type PickedReference, ReferencePicker } from "./reference-picker";

type Value = { project: PickedReference | null; entity: PickedReference | null; glAccount: PickedReference | null };

// §8 of the Intacct reference: a project carries its entity (LOCATIONID); shown live, before Save.
function entityMismatch(value: Value): string | null {
  const { project, entity } = value;
  if (!project?.parentId || !entity || project.parentId === entity.externalId) return null;
  return `Intacct project ${project.externalId} belongs to entity ${project.parentId}, not ${entity.externalId}. Check that this is the entity its transactions should post to.`;
}

export function ProjectLinksForm({
  projectId,
  initial,
  readOnly,
}: {
  projectId: string;
  initial: Value;
  readOnly: boolean;
}) {
  const router = useRouter();
  const [value, setValue] = useState<Value>(initial);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const warning = entityMismatch(value);

  const save = async () => {
    setPending(true);
    setSaved(null);
    const result = await saveProjectLinksAction({
      projectId,
      intacctProjectId: value.project?.externalId ?? null,
      intacctEntityId: value.entity?.externalId ?? null,
      intacctGlAccount: value.glAccount?.externalId ?? null,
    });
    setPending(false);
    const outcome = readActionErrors(result);
    if (outcome.message) return setErrors(outcome);
    setErrors({ fields: {} });
    setSaved("Integration settings saved.");
    router.refresh();
  };

  const set = (key: keyof Value) => (ref: PickedReference | null) => {
    setSaved(null);
    setValue((v) => ({ ...v, [key]: ref }));
  };

  return (
    <Card title="Integrations">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        className="space-y-4 p-4"
      >
        <p className="text-sm text-slate-600">
          Link this project to Sage Intacct. Budgets, contracts and invoices sync to this project, entity and GL
          account.
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          <ReferencePicker
            id="intacct-project"
            label="External Project"
            type="PROJECT"
            value={value.project}
            onChange={set("project")}
            disabled={readOnly}
            error={errors.fields.intacctProjectId?.[0]}
          />
          <ReferencePicker
            id="intacct-entity"
            label="External Accounting Entity"
            type="ENTITY"
            value={value.entity}
            onChange={set("entity")}
            disabled={readOnly}
            error={errors.fields.intacctEntityId?.[0]}
          />
          <ReferencePicker
            id="intacct-gl-account"
            label="GL Account"
            type="GL_ACCOUNT"
            value={value.glAccount}
            onChange={set("glAccount")}
            disabled={readOnly}
            error={errors.fields.intacctGlAccount?.[0]}
          />
        </div>
        {warning ? <Alert tone="warning">{warning}</Alert> : null}
        <ActionAlert message={errors} retry="save again" />
        {saved ? <Alert tone="success">{saved}</Alert> : null}
        {readOnly ? null : (
          <div className="flex justify-end">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
