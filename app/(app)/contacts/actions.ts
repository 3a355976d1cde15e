"use server";

import { authedAction } from "@/lib/actions/safe-action";
import { CAN_EDIT } from "@/lib/auth/roles";
import { AccountingCompanyInput, saveAccountingCompany } from "@/lib/contacts/accounting-companies";
import { CostCodeInput, saveCostCode } from "@/lib/cost-codes/cost-codes";

export const saveAccountingCompanyAction = authedAction
  .metadata({ name: "save-accounting-company", roles: CAN_EDIT })
  .inputSchema(AccountingCompanyInput)
  .action(async ({ parsedInput, ctx }) => saveAccountingCompany(ctx.db, ctx.user, parsedInput));

export const saveCostCodeAction = authedAction
  .metadata({ name: "save-cost-code", roles: CAN_EDIT })
  .inputSchema(CostCodeInput)
  .action(async ({ parsedInput, ctx }) => saveCostCode(ctx.db, ctx.user, parsedInput));
