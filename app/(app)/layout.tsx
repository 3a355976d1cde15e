import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";
import { AppShell } from "@/components/shell/app-shell";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { DEFAULT_TIME_ZONE } from "@/lib/format/dates";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { countUnreadNotices } from "@/lib/sync/status-check";
import { signOutAction } from "../login/actions";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const unreadNotices = await countUnreadNotices(getDb(), user.companyId, user.id);
  return (
    <AppShell user={user} signOut={signOutAction} unreadNotices={unreadNotices}>
      {/* The company's zone, once for every client component that shows a time. */}
      <TimeZoneProvider timeZone={user.timeZone ?? DEFAULT_TIME_ZONE}>
        <QueryProvider>{children}</QueryProvider>
      </TimeZoneProvider>
    </AppShell>
  );
}
