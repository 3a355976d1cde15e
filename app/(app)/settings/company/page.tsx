import type { Metadata } from "next";
import { PaymentTermsForm } from "@/components/settings/payment-terms-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { getPaymentTermsDays, PAYMENT_TERMS } from "@/lib/financials/payment-terms";

export const metadata: Metadata = { title: "Payment Terms" };

export default async function CompanySettingsPage() {
  const user = await requireUser(ADMIN_ONLY);
  const days = await getPaymentTermsDays(getDb(), user);
  return (
    <>
      <PageHeader title="Payment Terms" subtitle="When your invoices fall due, counted from the invoice date." />
      <PaymentTermsForm initialDays={days} terms={PAYMENT_TERMS.map((term) => ({ ...term }))} />
    </>
  );
}
