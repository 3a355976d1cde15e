"use client";

import { useState } from "react";
import { saveProjectAction } from "@/app/(app)/projects/actions";
import { Field, TextInput } from "@/components/forms/fields";
import { Card } from "@/components/ui/card";
import { FormFooter } from "./forms/form-footer";
import { useSave } from "./forms/use-save";

export function ProjectForm({
  initial,
}: {
  initial: { id?: string; number: string; name: string; city: string; state: string };
}) {
  const [value, setValue] = useState(initial);
  const save = useSave(saveProjectAction, (id) => (initial.id ? `/projects/${id}/settings` : `/projects/${id}/budget`));
  const f = save.errors.fields;
  const set = (patch: Partial<typeof value>) => setValue({ ...value, ...patch });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.execute(value);
      }}
      className="space-y-6"
    >
      <Card title="Project details">
        <div className="grid gap-4 p-4 sm:grid-cols-4">
          <Field label="Project number" htmlFor="number" error={f.number}>
            <TextInput
              id="number"
              value={value.number}
              onChange={(e) => set({ number: e.target.value })}
              invalid={Boolean(f.number)}
            />
          </Field>
          <Field label="Name" htmlFor="name" error={f.name} className="sm:col-span-3">
            <TextInput
              id="name"
              value={value.name}
              onChange={(e) => set({ name: e.target.value })}
              invalid={Boolean(f.name)}
            />
          </Field>
          <Field label="City" htmlFor="city" error={f.city} className="sm:col-span-2">
            <TextInput id="city" value={value.city} onChange={(e) => set({ city: e.target.value })} />
          </Field>
          <Field label="State" htmlFor="state" error={f.state}>
            <TextInput id="state" value={value.state} onChange={(e) => set({ state: e.target.value })} />
          </Field>
        </div>
      </Card>
      <FormFooter
        errors={save.errors}
        pending={save.isPending}
        cancelHref={initial.id ? `/projects/${initial.id}/budget` : "/projects"}
      />
    </form>
  );
}
