"use client";

import { saveProjectAction } from "@/app/(app)/projects/actions";
import { Card } from "@/components/ui/card";
import { FormFooter } from "./forms/form-footer";
import { TextField } from "./forms/form-fields";
import { useSaveForm } from "./forms/use-save-form";

export function ProjectForm({
  initial,
}: {
  initial: { id?: string; number: string; name: string; city: string; state: string };
}) {
  const { id, ...values } = initial;
  const form = useSaveForm({
    values,
    action: saveProjectAction,
    toInput: (project) => ({ id, ...project }),
    savedHref: (savedId) => (id ? `/projects/${savedId}/settings` : `/projects/${savedId}/budget`),
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-6">
      <Card title="Project details">
        <div className="grid gap-4 p-4 sm:grid-cols-4">
          <TextField form={form} name="number" label="Project number" />
          <TextField form={form} name="name" label="Name" className="sm:col-span-3" />
          <TextField form={form} name="city" label="City" className="sm:col-span-2" />
          <TextField form={form} name="state" label="State" />
        </div>
      </Card>
      <FormFooter
        errors={form.errors}
        pending={form.pending}
        cancelHref={id ? `/projects/${id}/budget` : "/projects"}
      />
    </form>
  );
}
