import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/current-user";
import { signOutAction } from "../login/actions";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} signOut={signOutAction}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
