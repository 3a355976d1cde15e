"use client";

import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { type LineColumn, LinesEditor } from "../lines-editor";
import { FormFooter } from "./form-footer";
import type { FormValues, ItemForm } from "./use-save-form";

/** The shape of the four item forms: a card of header fields, a card of lines, then errors, Cancel and Save. */
export function ItemFormFrame<H extends FormValues, L extends { amount: string }>({
  form,
  title,
  fieldsClassName,
  fields,
  linesNote,
  lineColumns,
  cancelHref,
}: {
  form: ItemForm<H, L>;
  title: string;
  /** The header card's layout, e.g. "grid gap-4 p-4 sm:grid-cols-3". */
  fieldsClassName: string;
  fields: ReactNode;
  /** How to read the lines (deltas, new lines), above them. */
  linesNote?: string;
  lineColumns: LineColumn<ItemForm<H, L>["lines"][number]>[];
  cancelHref: string;
}) {
  return (
    <form noValidate onSubmit={form.onSubmit} className="space-y-6">
      <Card title={title}>
        <div className={fieldsClassName}>{fields}</div>
      </Card>
      <Card title="Lines">
        <div className="p-4">
          {linesNote ? <p className="mb-3 text-sm text-slate-500">{linesNote}</p> : null}
          <LinesEditor
            lines={form.lines}
            onChange={form.setLines}
            columns={lineColumns}
            newLine={form.newLine}
            error={form.errors.fields.lines}
          />
        </div>
      </Card>
      <FormFooter errors={form.errors} pending={form.pending} cancelHref={cancelHref} />
    </form>
  );
}
