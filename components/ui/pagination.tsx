import Link from "next/link";

export const PAGE_SIZE = 25;

export function readPage(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}

// Server-rendered paging: links keep the other query parameters (search, filters).
export function Pagination({
  page,
  total,
  pageSize = PAGE_SIZE,
  basePath,
  params = {},
}: {
  page: number;
  total: number;
  pageSize?: number;
  basePath: string;
  params?: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1)
    return (
      <p className="px-4 py-3 text-xs text-slate-500">
        {total} {total === 1 ? "record" : "records"}
      </p>
    );
  const href = (p: number) => {
    const search = new URLSearchParams(
      Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `${basePath}?${search.toString()}`;
  };
  const linkClass = "rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
  return (
    <nav
      aria-label="Pagination"
      className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm"
    >
      <p className="text-slate-500">
        Page {page} of {pages} · {total} records
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={linkClass} href={href(page - 1)}>
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={linkClass} href={href(page + 1)}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
