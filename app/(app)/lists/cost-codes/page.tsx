import type { Metadata } from "next";
import { CostCodeLinks } from "@/components/links/cost-code-links";
import { RefreshPanel } from "@/components/links/refresh-panel";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PAGE_SIZE, Pagination, readPage } from "@/components/ui/pagination";
import { readQuery, SearchForm } from "@/components/ui/search-form";
import { requireUser } from "@/lib/auth/current-user";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { listCostCodeLinks } from "@/lib/integrations/sage-intacct/references/links";
import { loadRefreshPanel } from "@/lib/integrations/sage-intacct/references/panel";

export const metadata: Metadata = { title: "Project Cost Codes" };

export default async function CostCodesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const sp = await searchParams;
  const page = readPage(sp.page);
  const q = readQuery(sp.q);
  const db = getDb();
  const canEdit = hasRole(user.role, CAN_EDIT);
  const [list, panel] = await Promise.all([
    listCostCodeLinks(db, user, { query: q, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    loadRefreshPanel(db, user, ["STANDARD_TASK"]),
  ]);
  return (
    <>
      <PageHeader
        title="Project Cost Codes"
        subtitle="Your company's cost code catalog, used by every project's budget and contracts, and the Connected Accounting Cost Code from Intacct's standard cost code catalog."
        actions={canEdit ? <ButtonLink href="/lists/cost-codes/new">New cost code</ButtonLink> : null}
      />
      <div className="mb-4">
        <RefreshPanel types={panel.types} initial={panel.initial} connected={panel.connected} canRefresh={canEdit} />
      </div>
      <div className="mb-4">
        <SearchForm
          action="/lists/cost-codes"
          defaultValue={q}
          placeholder="Search by code or name"
          label="Search cost codes"
        />
      </div>
      {list.rows.length === 0 ? (
        <EmptyState title={q ? "No cost codes match" : "No cost codes yet"} />
      ) : (
        <>
          <CostCodeLinks
            canEdit={canEdit}
            suggestionCount={list.suggestionCount}
            // Before the catalog is loaded, "absent from Intacct" would be a guess.
            withoutAccountingCode={list.catalogSize > 0 ? list.withoutAccountingCode : 0}
            rows={list.rows.map((r) => ({
              id: r.id,
              code: r.code,
              name: r.name,
              intacctStandardTaskId: r.intacctStandardTaskId,
              standardTask: r.standardTask
                ? { externalId: r.standardTask.externalId, name: r.standardTask.name, active: r.standardTask.active }
                : null,
              suggestion: r.suggestion
                ? { externalId: r.suggestion.externalId, name: r.suggestion.name, active: true }
                : null,
            }))}
          />
          <Pagination page={page} total={list.total} basePath="/lists/cost-codes" params={{ q }} />
        </>
      )}
    </>
  );
}
