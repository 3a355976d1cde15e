"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { type FormErrors, readActionErrors } from "@/components/forms/action-result";
import { newKey } from "../lines-editor";

/** The text fields of a form, as its inputs hold them. */
export type FormValues = Record<string, string>;

/** What the field components read and write: the values, a setter, and the server's errors per field. */
export type FormBinding<H extends FormValues> = {
  values: H;
  set: (patch: Partial<H>) => void;
  errors: FormErrors;
};

type SaveForm<H extends FormValues> = FormBinding<H> & {
  pending: boolean;
  onSubmit: (event: FormEvent) => void;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each form passes its own typed action
type AnyAction = (input: any) => Promise<any>;

/**
 * The one hook of the app's forms: the field values, a submit that sends `toInput(values)` to the action, the
 * server's errors per field, and, once saved, the page `savedHref` names. A new field is a value here, an input
 * (TextField, …) and a key of the action's schema.
 */
export function useSaveForm<H extends FormValues, A extends AnyAction>({
  values: initialValues,
  action,
  toInput,
  savedHref,
}: {
  values: H;
  action: A;
  toInput: (values: H) => Parameters<A>[0];
  savedHref: (id: string) => string;
}): SaveForm<H> {
  const [values, setValues] = useState(initialValues);
  const router = useRouter();
  const save = useAction(action, {
    onSuccess: ({ data }) => {
      const id = (data as { id?: string } | undefined)?.id;
      if (!id) return;
      router.push(savedHref(id));
      router.refresh();
    },
  });
  return {
    values,
    set: (patch) => setValues((current) => ({ ...current, ...patch })),
    errors: readActionErrors(save.result as Parameters<typeof readActionErrors>[0]),
    pending: save.isPending,
    onSubmit: (event) => {
      event.preventDefault();
      save.execute(toInput(values));
    },
  };
}

type Keyed<L> = L & { key: string };

export type ItemForm<H extends FormValues, L> = SaveForm<H> & {
  lines: Keyed<L>[];
  setLines: (lines: Keyed<L>[]) => void;
  newLine: () => Keyed<L>;
};

/** An item form: useSaveForm's header fields, and lines (a new item starts with one blank line). */
export function useItemForm<H extends FormValues, L extends { amount: string }, A extends AnyAction>({
  lines: initialLines,
  blankLine,
  toInput,
  ...header
}: {
  values: H;
  lines: L[];
  blankLine: () => L;
  action: A;
  toInput: (values: H, lines: L[]) => Parameters<A>[0];
  savedHref: (id: string) => string;
}): ItemForm<H, L> {
  const [lines, setLines] = useState<Keyed<L>[]>(() =>
    (initialLines.length ? initialLines : [blankLine()]).map((line) => ({ ...line, key: newKey() })),
  );
  // The key is React's, not the server's.
  const withoutKeys = () => lines.map(({ key: _key, ...line }) => line as unknown as L);
  const form = useSaveForm({ ...header, toInput: (values) => toInput(values, withoutKeys()) });
  return { ...form, lines, setLines, newLine: () => ({ ...blankLine(), key: newKey() }) };
}

/** Where a saved item goes, and where Cancel goes: the item's page when editing, else the list. */
export function itemHrefs(basePath: string, id: string | undefined) {
  return { savedHref: (savedId: string) => `${basePath}/${savedId}`, cancelHref: id ? `${basePath}/${id}` : basePath };
}
