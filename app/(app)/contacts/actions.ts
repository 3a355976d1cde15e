"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { CAN_EDIT } from "@/lib/auth/roles";
import { ZAccountingCompanyInput, saveAccountingCompany } from "@/lib/contacts/accounting-companies";
import { ZCostCodeInput, saveCostCode } from "@/lib/cost-codes/cost-codes";
import {
  acceptVendorSuggestions,
  ZAcceptSuggestionsInput,
  linkVendor,
  unlinkVendor,
  ZUnlinkVendorInput,
  ZVendorLinkInput,
} from "@/lib/integrations/sage-intacct/references/links";

export const saveAccountingCompanyAction = authedAction
  .metadata({ name: "save-accounting-company", roles: CAN_EDIT })
  .inputSchema(ZAccountingCompanyInput)
  .action(async ({ parsedInput, ctx }) => saveAccountingCompany(ctx.db, ctx.user, parsedInput));

export const saveCostCodeAction = authedAction
  .metadata({ name: "save-cost-code", roles: CAN_EDIT })
  .inputSchema(ZCostCodeInput)
  .action(async ({ parsedInput, ctx }) => saveCostCode(ctx.db, ctx.user, parsedInput));

// Links to Sage Intacct vendors.
export const linkVendorAction = authedAction
  .metadata({ name: "link-intacct-vendor", roles: CAN_EDIT })
  .inputSchema(ZVendorLinkInput)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await linkVendor(ctx.db, ctx.user, parsedInput);
    if (outcome.status === "linked") revalidatePath("/contacts/accounting-companies");
    return outcome;
  });

export const unlinkVendorAction = authedAction
  .metadata({ name: "unlink-intacct-vendor", roles: CAN_EDIT })
  .inputSchema(ZUnlinkVendorInput)
  .action(async ({ parsedInput, ctx }) => {
    await unlinkVendor(ctx.db, ctx.user, parsedInput);
    revalidatePath("/contacts/accounting-companies");
    return { ok: true };
  });

export const acceptVendorSuggestionsAction = authedAction
  .metadata({ name: "accept-vendor-suggestions", roles: CAN_EDIT })
  .inputSchema(ZAcceptSuggestionsInput)
  .action(async ({ parsedInput, ctx }) => {
    const summary = await acceptVendorSuggestions(ctx.db, ctx.user, parsedInput);
    revalidatePath("/contacts/accounting-companies");
    return summary;
  });
