import type { ReactNode } from "react";

export function Table({ children, caption }: { children: ReactNode; caption?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

// `dense`: narrower padding for wide reports (the ACR), so more money columns fit beside each other.
export function Th({
  children,
  align = "left",
  className = "",
  dense = false,
}: {
  children?: ReactNode;
  align?: "left" | "right";
  className?: string;
  dense?: boolean;
}) {
  return (
    <th
      scope="col"
      className={`bg-slate-50 ${dense ? "px-2.5" : "px-4"} py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-500 ${align === "right" ? "text-right" : "text-left"} ${className}`}
    >
      {children}
    </th>
  );
}

// `wrap`: the cell's text may wrap (a long cost code name) instead of widening its column.
export function Td({
  children,
  align = "left",
  className = "",
  dense = false,
  wrap = false,
}: {
  children?: ReactNode;
  align?: "left" | "right";
  className?: string;
  dense?: boolean;
  wrap?: boolean;
}) {
  return (
    <td
      className={`${wrap ? "" : "whitespace-nowrap"} ${dense ? "px-2.5" : "px-4"} py-2.5 text-slate-700 ${align === "right" ? "text-right tabular-nums" : ""} ${className}`}
    >
      {children}
    </td>
  );
}
