// The company's payment terms for invoices ("Net 30"): how many days after its date an invoice is due, and so the
// due date a new invoice starts with. Intacct is told the due date itself (every purchasing document carries one).
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db, DbOrTx } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

export const PAYMENT_TERMS = [
  { days: 0, label: "Due on receipt" },
  { days: 15, label: "Net 15" },
  { days: 30, label: "Net 30" },
  { days: 45, label: "Net 45" },
  { days: 60, label: "Net 60" },
  { days: 90, label: "Net 90" },
] as const;

export const ZPaymentTermsInput = z.object({
  days: z.coerce
    .number()
    .refine((days) => PAYMENT_TERMS.some((term) => term.days === days), "Choose one of the payment terms offered"),
});

/** The input once parsed: what the service saves. */
type PaymentTermsInput = z.output<typeof ZPaymentTermsInput>;

export function describePaymentTerms(days: number): string {
  return PAYMENT_TERMS.find((term) => term.days === days)?.label ?? `Net ${days}`;
}

/** The calendar day `days` after `date` (dates are UTC midnights, as the item columns store them). */
export function dueDateFromTerms(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export async function getPaymentTermsDays(db: DbOrTx, user: SessionUser): Promise<number> {
  const company = await db.company.findUnique({ where: { id: user.companyId }, select: { paymentTermsDays: true } });
  if (!company) throw notFound("That company");
  return company.paymentTermsDays;
}

export async function savePaymentTerms(db: Db, user: SessionUser, input: PaymentTermsInput): Promise<{ days: number }> {
  await db.company.update({ where: { id: user.companyId }, data: { paymentTermsDays: input.days } });
  return { days: input.days };
}
