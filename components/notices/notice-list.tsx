"use client";

import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { markNoticesReadAction } from "@/app/(app)/notices/actions";
import { ActionMessage } from "@/components/forms/action-message";
import { readActionErrors } from "@/components/forms/action-result";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/time-zone";

export type NoticeRow = {
  id: string;
  title: string;
  body: string;
  href: string;
  createdAt: string;
  read: boolean;
};

// A notice links only within the app: a path of ours, never another origin.
const isAppPath = (href: string) => href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/\\");

// The signed-in user's notices, newest first: unread ones stand out and each can be marked read, or all at once.
export function NoticeList({ notices }: { notices: NoticeRow[] }) {
  const router = useRouter();
  const mark = useAction(markNoticesReadAction, { onSuccess: () => router.refresh() });
  const errors = readActionErrors(mark.result);
  const unread = notices.filter((n) => !n.read);
  return (
    <div>
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <p className="text-sm text-slate-600" data-testid="unread-count">
          {unread.length ? `${unread.length} unread` : "All read"}
        </p>
        <Button
          size="sm"
          variant="secondary"
          disabled={mark.isPending || unread.length === 0}
          onClick={() => mark.execute({ ids: unread.map((n) => n.id) })}
        >
          Mark all read
        </Button>
      </div>
      {errors.message ? (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          <ActionMessage message={errors} />
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="notices">
        {notices.map((n) => (
          <li
            key={n.id}
            data-testid="notice"
            data-read={n.read ? "true" : "false"}
            className={`flex items-start justify-between gap-4 px-4 py-3 ${n.read ? "" : "bg-indigo-50/60"}`}
          >
            <div className="min-w-0">
              <p className={n.read ? "text-slate-700" : "font-semibold text-slate-900"}>
                {isAppPath(n.href) ? (
                  <Link href={n.href} className="hover:underline">
                    {n.title}
                  </Link>
                ) : (
                  n.title
                )}
              </p>
              {n.body ? <p className="mt-0.5 text-slate-600">{n.body}</p> : null}
              <p className="mt-0.5 text-xs text-slate-500">
                <DateTime value={n.createdAt} />
              </p>
            </div>
            {!n.read ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={mark.isPending}
                onClick={() => mark.execute({ ids: [n.id] })}
                aria-label={`Mark read: ${n.title}`}
              >
                Mark read
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
