import { AccountingCompanyForm } from "@/components/items/accounting-company-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { CAN_EDIT } from "@/lib/auth/roles";

export default async function NewAccountingCompanyPage() {
  await requireUser(CAN_EDIT);
  return (
    <>
      <PageHeader title="New accounting company" />
      <AccountingCompanyForm
        initial={{ name: "", taxId: "", address: "", city: "", state: "", postalCode: "", email: "", phone: "" }}
      />
    </>
  );
}
