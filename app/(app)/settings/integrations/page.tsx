import type { Metadata } from "next";
import Link from "next/link";
import { ConnectionBadge } from "@/components/integrations/connection-badge";
import { EnginePanel } from "@/components/sync/engine-panel";
import { SyncSettingsForm } from "@/components/sync/sync-settings-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { SAGE_INTACCT } from "@/lib/integrations/sage-intacct/metadata";
import { getIntacctConnectionView } from "@/lib/integrations/sage-intacct/service";
import { readEngineStats } from "@/lib/sync/runs";
import { getSyncSettings } from "@/lib/sync/settings";
import { DateTime } from "@/components/ui/time-zone";

export const metadata: Metadata = { title: "Integration Hub" };

export default async function IntegrationHubPage() {
  const user = await requireUser(ADMIN_ONLY);
  const db = getDb();
  const [intacct, settings, engine] = await Promise.all([
    getIntacctConnectionView(db, user.companyId),
    getSyncSettings(db, user.companyId),
    readEngineStats(db, user.companyId),
  ]);
  return (
    <>
      <PageHeader title="Integration Hub" subtitle="Connect INGENIOUS.BUILD to your accounting system." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Link
          href={`/settings/integrations/${SAGE_INTACCT.slug}`}
          className="block rounded-lg focus-visible:outline-2 focus-visible:outline-indigo-600"
          aria-label="Sage Intacct"
        >
          <Card className="h-full transition hover:ring-indigo-300">
            <div className="p-4">
              <div className="flex items-center justify-between gap-2">
                <h2 className="text-base font-semibold text-slate-900">{SAGE_INTACCT.name}</h2>
                <ConnectionBadge status={intacct.status} />
              </div>
              <p className="mt-2 text-sm text-slate-600">{SAGE_INTACCT.description}</p>
              <p className="mt-3 text-xs text-slate-500">
                Last successful check: <DateTime value={intacct.lastSuccessAt} />
              </p>
            </div>
          </Card>
        </Link>
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Card title="Company sync settings">
          <SyncSettingsForm
            syncOnApproval={settings.syncOnApproval}
            accountingReviewsBeforeSync={settings.accountingReviewsBeforeSync}
            statusCheckMinutes={settings.statusCheckMinutes}
          />
        </Card>
        <Card title="Sync engine">
          <EnginePanel stats={engine} />
        </Card>
      </div>
    </>
  );
}
