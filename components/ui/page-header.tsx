import type { ReactNode } from "react";

// The top-right `actions` area is where item actions live (Submit, Approve, and later Sync to Accounting).
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
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <div className="flex items-center gap-3">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {badge}
        </div>
        {subtitle ? <div className="mt-1 text-sm text-slate-500">{subtitle}</div> : null}
      </div>
      {actions ? (
        <div className="flex flex-wrap items-center gap-2" data-testid="item-actions">
          {actions}
        </div>
      ) : null}
    </div>
  );
}
