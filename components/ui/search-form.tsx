import { TextInput } from "@/components/forms/fields";
import type { ItemStatus, SyncState } from "@/lib/generated/prisma/enums";
import { readRemoteFilter } from "@/lib/sync/remote-filters";
import { readPage } from "./pagination";

export function SearchForm({
  action,
  defaultValue,
  placeholder,
  label,
}: {
  action: string;
  defaultValue?: string;
  placeholder: string;
  label: string;
}) {
  return (
    <form action={action} role="search" className="flex gap-2">
      <label htmlFor="q" className="sr-only">
        {label}
      </label>
      <div className="w-72">
        <TextInput id="q" name="q" type="search" defaultValue={defaultValue} placeholder={placeholder} />
      </div>
      <button
        type="submit"
        className="rounded-md px-3 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        Search
      </button>
    </form>
  );
}

export function StatusFilter({ action, value }: { action: string; value?: string }) {
  const options = [
    ["", "All statuses"],
    ["DRAFT", "Draft"],
    ["PENDING_APPROVAL", "Pending approval"],
    ["APPROVED", "Approved"],
    ["REJECTED", "Rejected"],
  ];
  return (
    <nav aria-label="Filter by status" className="flex flex-wrap gap-1">
      {options.map(([key, label]) => (
        <a
          key={key}
          href={key ? `${action}?status=${key}` : action}
          aria-current={(value ?? "") === key ? "true" : undefined}
          className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${(value ?? "") === key ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-600 ring-slate-300 hover:bg-slate-50"}`}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}

const ITEM_STATUSES: readonly ItemStatus[] = ["DRAFT", "PENDING_APPROVAL", "APPROVED", "REJECTED"];
const SYNC_STATES: readonly SyncState[] = ["NOT_SYNCED", "SYNCING", "SYNCED", "FAILED", "UNKNOWN"];

function readOneOf<T extends string>(value: string | string[] | undefined, allowed: readonly T[]): T | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return allowed.find((a) => a === v);
}

function readStatus(value: string | string[] | undefined): ItemStatus | undefined {
  return readOneOf(value, ITEM_STATUSES);
}

// Search text from the URL: bounded, and without control characters (PostgreSQL rejects a NUL byte in text).
export function readQuery(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return (v ?? "")
    .replace(/[\u0000-\u001F\u007F]/g, "")
    .trim()
    .slice(0, 100);
}

function readSyncState(value: string | string[] | undefined): SyncState | undefined {
  return readOneOf(value, SYNC_STATES);
}

// The filters every financial item list reads from its URL.
export function readListParams(params: Record<string, string | string[] | undefined>) {
  return {
    page: readPage(params.page),
    status: readStatus(params.status),
    sync: readSyncState(params.sync),
    remote: readRemoteFilter(params.remote),
  };
}
