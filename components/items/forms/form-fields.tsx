"use client";

import type { ReactNode } from "react";
import { Field, Select, TextArea, TextInput } from "@/components/forms/fields";
import type { FormBinding, FormValues } from "./use-save-form";

type FieldProps<H extends FormValues> = {
  form: FormBinding<H>;
  name: keyof H & string;
  label: string;
  className?: string;
};

// A header field of a form, bound to its value and its server error by name: one line per field in a form.

export function TextField<H extends FormValues>({
  form,
  name,
  label,
  className,
  type,
  inputMode,
  disabled,
}: FieldProps<H> & { type?: "date"; inputMode?: "decimal"; disabled?: boolean }) {
  const error = form.errors.fields[name];
  return (
    <Field label={label} htmlFor={name} error={error} className={className}>
      <TextInput
        id={name}
        type={type}
        inputMode={inputMode}
        disabled={disabled}
        value={form.values[name]}
        onChange={(e) => form.set({ [name]: e.target.value } as Partial<H>)}
        invalid={Boolean(error)}
      />
    </Field>
  );
}

export function TextAreaField<H extends FormValues>({ form, name, label, className }: FieldProps<H>) {
  return (
    <Field label={label} htmlFor={name} error={form.errors.fields[name]} className={className}>
      <TextArea
        id={name}
        value={form.values[name]}
        onChange={(e) => form.set({ [name]: e.target.value } as Partial<H>)}
      />
    </Field>
  );
}

export function SelectField<H extends FormValues>({
  form,
  name,
  label,
  className,
  children,
}: FieldProps<H> & { children: ReactNode }) {
  const error = form.errors.fields[name];
  return (
    <Field label={label} htmlFor={name} error={error} className={className}>
      <Select
        id={name}
        value={form.values[name]}
        onChange={(e) => form.set({ [name]: e.target.value } as Partial<H>)}
        invalid={Boolean(error)}
      >
        {children}
      </Select>
    </Field>
  );
}
