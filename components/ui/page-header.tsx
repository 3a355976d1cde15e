import type { ReactNode } from "react";

// The top-right `actions` area is where item actions live (Submit, Approve, Sync to Accounting and its outcome).
// From sm up the title and the actions share one row: the title takes what is left and wraps, the actions keep the
// top right (they never wrap under the title, however long it is). On a phone they stack, actions below.
export function PageHeader({
  title,
  subtitle,
  actions,
  badge,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  badge?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between" data-testid="page-header">
      <div className="min-w-0 sm:flex-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="min-w-0 break-words text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {badge}
        </div>
        {subtitle ? <div className="mt-1 text-sm text-slate-500">{subtitle}</div> : null}
      </div>
      {actions ? (
        <div
          className="flex min-w-0 flex-wrap items-center gap-2 sm:max-w-[50%] sm:shrink-0 sm:justify-end"
          data-testid="item-actions"
        >
          {actions}
        </div>
      ) : null}
    </div>
  );
}
