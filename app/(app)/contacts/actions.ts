"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { CAN_EDIT } from "@/lib/auth/roles";
import { AccountingCompanyInput, saveAccountingCompany } from "@/lib/contacts/accounting-companies";
import { CostCodeInput, saveCostCode } from "@/lib/cost-codes/cost-codes";
import {
  acceptVendorSuggestions,
  AcceptSuggestionsInput,
  linkVendor,
  unlinkVendor,
  UnlinkVendorInput,
  VendorLinkInput,
} from "@/lib/integrations/sage-intacct/references/links";

export const saveAccountingCompanyAction = authedAction
  .metadata({ name: "save-accounting-company", roles: CAN_EDIT })
  .inputSchema(AccountingCompanyInput)
  .action(async ({ parsedInput, ctx }) => saveAccountingCompany(ctx.db, ctx.user, parsedInput));

export const saveCostCodeAction = authedAction
  .metadata({ name: "save-cost-code", roles: CAN_EDIT })
  .inputSchema(CostCodeInput)
  .action(async ({ parsedInput, ctx }) => saveCostCode(ctx.db, ctx.user, parsedInput));

// Links to Sage Intacct vendors (issue 6).
export const linkVendorAction = authedAction
  .metadata({ name: "link-intacct-vendor", roles: CAN_EDIT })
  .inputSchema(VendorLinkInput)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await linkVendor(ctx.db, ctx.user, parsedInput);
    if (outcome.status === "linked") revalidatePath("/contacts/accounting-companies");
    return outcome;
  });

export const unlinkVendorAction = authedAction
  .metadata({ name: "unlink-intacct-vendor", roles: CAN_EDIT })
  .inputSchema(UnlinkVendorInput)
  .action(async ({ parsedInput, ctx }) => {
    await unlinkVendor(ctx.db, ctx.user, parsedInput);
    revalidatePath("/contacts/accounting-companies");
    return { ok: true };
  });

export const acceptVendorSuggestionsAction = authedAction
  .metadata({ name: "accept-vendor-suggestions", roles: CAN_EDIT })
  .inputSchema(AcceptSuggestionsInput)
  .action(async ({ parsedInput, ctx }) => {
    const summary = await acceptVendorSuggestions(ctx.db, ctx.user, parsedInput);
    revalidatePath("/contacts/accounting-companies");
    return summary;
  });
