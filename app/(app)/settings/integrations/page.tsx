import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { ADMIN_ONLY } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Integration Hub" };

export default async function IntegrationHubPage() {
  await requireUser(ADMIN_ONLY);
  return (
    <>
      <PageHeader title="Integration Hub" subtitle="Connect INGENIOUS.BUILD to your accounting system." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card>
          <div className="p-4">
            <div className="flex items-center justify-between">
              <h2 className="text-base font-semibold text-slate-900">Sage Intacct</h2>
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300">Not connected</span>
            </div>
            <p className="mt-2 text-sm text-slate-600">Sync approved contracts, changes, budgets and invoices to Sage Intacct.</p>
          </div>
        </Card>
      </div>
    </>
  );
}
