"use server";

// Company Settings → Payment terms (admins): the terms a new invoice's due date starts from.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { ZPaymentTermsInput, savePaymentTerms } from "@/lib/financials/payment-terms";

export const savePaymentTermsAction = authedAction
  .metadata({ name: "save-payment-terms", roles: ADMIN_ONLY })
  .inputSchema(ZPaymentTermsInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await savePaymentTerms(ctx.db, ctx.user, parsedInput);
    revalidatePath("/settings/company");
    return result;
  });
