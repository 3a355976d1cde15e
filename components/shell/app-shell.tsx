import type { ReactNode } from "react";
import { ADMIN_ONLY, CAN_SYNC, hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/sessions";
import { NavLink } from "./nav-link";

// Menu names follow the customer guide: Projects; Contacts → Accounting Companies; Lists & Templates → Project
// Cost Codes; Company Settings → Integration Hub.
export function AppShell({
  user,
  signOut,
  unreadNotices,
  children,
}: {
  user: SessionUser;
  signOut: () => Promise<void>;
  /** The signed-in user's unread notices (e.g. "Your invoice was declined in Intacct"). */
  unreadNotices: number;
  children: ReactNode;
}) {
  return (
    // On a phone the menu sits above the page (a 240 px sidebar would leave the page a sliver of a 390 px screen).
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="flex w-full shrink-0 flex-col bg-slate-900 px-3 py-4 text-slate-100 md:w-60">
        <div className="px-3 pb-4">
          <p className="text-sm font-bold tracking-wide">INGENIOUS.BUILD</p>
          <p className="truncate text-xs text-slate-400">{user.companyName}</p>
        </div>
        <div className="pb-4">
          <NavLink href="/notices">
            <span className="flex items-center justify-between" data-testid="notices-link">
              <span>
                {/* An inline bell: an emoji renders as an empty box where no emoji font is installed. */}
                <svg
                  aria-hidden="true"
                  viewBox="0 0 20 20"
                  fill="currentColor"
                  className="mr-1.5 inline h-4 w-4 align-[-2px]"
                >
                  <path d="M10 2a5 5 0 0 0-5 5v2.6l-1.4 2.8A1 1 0 0 0 4.5 14h11a1 1 0 0 0 .9-1.6L15 9.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 10 18Z" />
                </svg>
                Notices
              </span>
              {unreadNotices ? (
                <span
                  className="rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900"
                  data-testid="unread-notices"
                >
                  {unreadNotices > 99 ? "99+" : unreadNotices}
                  <span className="sr-only"> unread</span>
                </span>
              ) : null}
            </span>
          </NavLink>
        </div>
        <nav aria-label="Main" className="grid flex-1 grid-cols-2 gap-x-2 gap-y-3 md:block md:space-y-5">
          <div>
            <NavLink href="/projects">Projects</NavLink>
            {hasRole(user.role, CAN_SYNC) ? <NavLink href="/accounting-sync">Accounting sync</NavLink> : null}
          </div>
          <div>
            <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">Contacts</p>
            <NavLink href="/contacts/accounting-companies">Accounting Companies</NavLink>
          </div>
          <div>
            <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">
              Lists &amp; Templates
            </p>
            <NavLink href="/lists/cost-codes">Project Cost Codes</NavLink>
          </div>
          {/* Company Settings are an admin's: other roles would only meet the 403 page there. */}
          {hasRole(user.role, ADMIN_ONLY) ? (
            <div>
              <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">Company Settings</p>
              <NavLink href="/settings/integrations">Integration Hub</NavLink>
              <NavLink href="/settings/company">Company Settings</NavLink>
            </div>
          ) : null}
        </nav>
        <div className="border-t border-slate-800 px-3 pt-3">
          <p className="truncate text-sm font-medium" data-testid="current-user">
            {user.name}
          </p>
          <p className="truncate text-xs text-slate-400">
            {user.email} · {ROLE_LABELS[user.role]}
          </p>
          <form action={signOut} className="mt-2">
            <button
              type="submit"
              className="text-xs font-medium text-slate-300 hover:text-white focus-visible:outline-white"
            >
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8">{children}</main>
    </div>
  );
}
