import type { ComponentProps, ReactNode } from "react";

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-400 disabled:bg-slate-50 disabled:text-slate-500";

export function Field({
  label,
  htmlFor,
  error,
  hint,
  children,
  className = "",
}: {
  label: string;
  htmlFor: string;
  error?: string[] | string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const message = Array.isArray(error) ? error[0] : error;
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">{children}</div>
      {message ? (
        <p id={`${htmlFor}-error`} className="mt-1 text-xs text-red-700">
          {message}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

export function TextInput({ invalid, ...props }: ComponentProps<"input"> & { invalid?: boolean }) {
  return (
    <input
      className={inputClass}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid && props.id ? `${props.id}-error` : undefined}
      {...props}
    />
  );
}

export function TextArea({ invalid, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return <textarea className={inputClass} rows={3} aria-invalid={invalid || undefined} {...props} />;
}

export function Select({ invalid, children, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  return (
    <select className={inputClass} aria-invalid={invalid || undefined} {...props}>
      {children}
    </select>
  );
}
