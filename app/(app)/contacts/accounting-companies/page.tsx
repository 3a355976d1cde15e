import type { Metadata } from "next";
import { RefreshPanel } from "@/components/links/refresh-panel";
import { VendorImport } from "@/components/links/vendor-import";
import { VendorLinks } from "@/components/links/vendor-links";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PAGE_SIZE, Pagination, readPage } from "@/components/ui/pagination";
import { readQuery, SearchForm } from "@/components/ui/search-form";
import { requireUser } from "@/lib/auth/current-user";
import { ADMIN_ONLY, CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { listAccountingCompanyOptions } from "@/lib/contacts/accounting-companies";
import { getDb } from "@/lib/db/client";
import { suggestNextVendorId } from "@/lib/integrations/sage-intacct/create-in-intacct";
import { listVendorLinks } from "@/lib/integrations/sage-intacct/references/links";
import { readVendorImport } from "@/lib/integrations/sage-intacct/references/links/vendor-import-jobs";
import { loadRefreshPanel } from "@/lib/integrations/sage-intacct/references/panel";

export const metadata: Metadata = { title: "Accounting Companies" };

export default async function AccountingCompaniesPage({
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
  const isAdmin = hasRole(user.role, ADMIN_ONLY);
  const [{ rows, total, suggestionCount }, panel, companies] = await Promise.all([
    listVendorLinks(db, user, { query: q, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    loadRefreshPanel(db, user, ["VENDOR"]),
    canEdit ? listAccountingCompanyOptions(db, user) : Promise.resolve([]),
  ]);
  const suggestedVendorId = isAdmin && panel.connected ? await suggestNextVendorId(db, user.companyId) : null;
  // An import still running (started from this page earlier, or by someone else) is shown on return.
  const runningImport = canEdit && panel.connected ? await readVendorImport(db, user.companyId) : null;
  return (
    <>
      <PageHeader
        title="Accounting Companies"
        subtitle="Subcontractors and suppliers your contracts are signed with, and the Sage Intacct vendor each one syncs to. New accounting company creates one here only; Import from Sage Intacct creates them here from Sage vendors, already linked."
        actions={
          canEdit ? (
            <>
              <ButtonLink variant="secondary" href="/contacts/accounting-companies/new">
                New accounting company
              </ButtonLink>
              {panel.connected ? <VendorImport initial={runningImport} /> : null}
            </>
          ) : null
        }
      />
      <div className="mb-4">
        <RefreshPanel types={panel.types} initial={panel.initial} connected={panel.connected} canRefresh={canEdit} />
      </div>
      <div className="mb-4">
        <SearchForm
          action="/contacts/accounting-companies"
          defaultValue={q}
          placeholder="Search by name"
          label="Search accounting companies"
        />
      </div>
      {rows.length === 0 ? (
        <EmptyState title={q ? "No accounting companies match" : "No accounting companies yet"} />
      ) : (
        <>
          <VendorLinks
            canEdit={canEdit}
            companies={companies}
            suggestionCount={suggestionCount}
            suggestedVendorId={suggestedVendorId}
            rows={rows.map((r) => ({
              id: r.id,
              name: r.name,
              taxId: r.taxId,
              intacctVendorId: r.intacctVendorId,
              vendor: r.vendor
                ? { externalId: r.vendor.externalId, name: r.vendor.name, active: r.vendor.active }
                : null,
              sharedWithAnother: r.sharedWithAnother,
              suggestion: r.suggestion
                ? { externalId: r.suggestion.externalId, name: r.suggestion.name, reason: r.suggestion.reason }
                : null,
            }))}
          />
          <Pagination page={page} total={total} basePath="/contacts/accounting-companies" params={{ q }} />
        </>
      )}
    </>
  );
}
