import type { Metadata } from "next";
import { PaymentTermsForm } from "@/components/settings/payment-terms-form";
import { TimeZoneForm } from "@/components/settings/time-zone-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { getCompanyTimeZone } from "@/lib/company/time-zone";
import { getDb } from "@/lib/db/client";
import { getPaymentTermsDays, PAYMENT_TERMS } from "@/lib/financials/payment-terms";

export const metadata: Metadata = { title: "Company Settings" };

export default async function CompanySettingsPage() {
  const user = await requireUser(ADMIN_ONLY);
  const db = getDb();
  const days = await getPaymentTermsDays(db, user);
  const zone = await getCompanyTimeZone(db, user);
  // Every zone this runtime knows, with UTC (which supportedValuesOf leaves out) first.
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  // A saved alias ("US/Central") that the list spells differently stays choosable.
  if (!zones.includes(zone.timeZone)) zones.unshift(zone.timeZone);
  return (
    <>
      <PageHeader
        title="Company Settings"
        subtitle="When your invoices fall due, and the time zone every time in the app is shown in."
      />
      <div className="space-y-6">
        <PaymentTermsForm initialDays={days} terms={PAYMENT_TERMS.map((term) => ({ ...term }))} />
        <TimeZoneForm initial={zone.timeZone} isSet={zone.isSet} zones={zones} />
      </div>
    </>
  );
}
