"use server";

// Company Settings → Payment terms (admins): the terms a new invoice's due date starts from.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { ZTimeZoneInput, saveCompanyTimeZone } from "@/lib/company/time-zone";
import { ZPaymentTermsInput, savePaymentTerms } from "@/lib/financials/payment-terms";

export const savePaymentTermsAction = authedAction
  .metadata({ name: "save-payment-terms", roles: ADMIN_ONLY })
  .inputSchema(ZPaymentTermsInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await savePaymentTerms(ctx.db, ctx.user, parsedInput);
    revalidatePath("/settings/company");
    return result;
  });

// Company Settings → Time zone (admins, audit-logged): every time in the app is shown in it.
export const saveTimeZoneAction = authedAction
  .metadata({ name: "save-time-zone", roles: ADMIN_ONLY })
  .inputSchema(ZTimeZoneInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await saveCompanyTimeZone(ctx.db, ctx.user, parsedInput);
    // Every page shows times: re-render them all in the new zone.
    revalidatePath("/", "layout");
    return result;
  });
