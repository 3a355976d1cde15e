import type { Metadata } from "next";
import Link from "next/link";
import { AuditList } from "@/components/integrations/audit-list";
import { ConnectionBadge } from "@/components/integrations/connection-badge";
import { IntacctPanel } from "@/components/integrations/intacct-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { listAudit } from "@/lib/integrations/audit";
import { PREREQUISITES, SAGE_INTACCT } from "@/lib/integrations/sage-intacct/metadata";
import { getIntacctConnectionView, getIntacctEndpoint } from "@/lib/integrations/sage-intacct/service";

export const metadata: Metadata = { title: "Sage Intacct" };

export default async function SageIntacctPage() {
  const user = await requireUser(ADMIN_ONLY);
  const db = getDb();
  const [view, audit] = await Promise.all([getIntacctConnectionView(db, user.companyId), listAudit(db, user)]);
  return (
    <>
      <p className="text-sm">
        <Link href="/settings/integrations" className="text-indigo-700 hover:underline">
          Integration Hub
        </Link>{" "}
        / Sage Intacct
      </p>
      <PageHeader
        title={SAGE_INTACCT.name}
        badge={<ConnectionBadge status={view.status} />}
        subtitle={SAGE_INTACCT.description}
      />
      <IntacctPanel view={view} endpoint={getIntacctEndpoint()} prerequisites={PREREQUISITES.map((p) => ({ ...p }))} />
      <div className="mt-6">
        <AuditList entries={audit} />
      </div>
    </>
  );
}
