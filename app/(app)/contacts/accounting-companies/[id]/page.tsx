import { AccountingCompanyForm } from "@/components/items/accounting-company-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { getAccountingCompany } from "@/lib/contacts/accounting-companies";
import { getDb } from "@/lib/db/client";

export default async function EditAccountingCompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const row = await orNotFound(getAccountingCompany(getDb(), user, requireUuid((await params).id)));
  return (
    <>
      <PageHeader title={row.name} subtitle="Accounting company" />
      <AccountingCompanyForm
        initial={{
          id: row.id,
          name: row.name,
          taxId: row.taxId,
          address: row.address,
          city: row.city,
          state: row.state,
          postalCode: row.postalCode,
          email: row.email,
          phone: row.phone,
        }}
      />
    </>
  );
}
