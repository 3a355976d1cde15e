"use server";

// Connected Accounting Cost Code links: the catalog page and the Budget/ACR ••• dialog edit the same link.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { ANY_ROLE, CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { ZId } from "@/lib/validation/fields";
import {
  acceptCostCodeSuggestions,
  ZAcceptSuggestionsInput,
  ZCostCodeLinkInput,
  getCostCodeLink,
  linkCostCode,
} from "@/lib/integrations/sage-intacct/references/links";

export const getCostCodeLinkAction = authedAction
  .metadata({ name: "get-cost-code-link", roles: ANY_ROLE })
  .inputSchema(z.object({ costCodeId: ZId }))
  .action(async ({ parsedInput, ctx }) => ({
    ...(await getCostCodeLink(ctx.db, ctx.user, parsedInput.costCodeId)),
    canEdit: hasRole(ctx.user.role, CAN_EDIT),
  }));

export const linkCostCodeAction = authedAction
  .metadata({ name: "link-cost-code", roles: CAN_EDIT })
  .inputSchema(ZCostCodeLinkInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await linkCostCode(ctx.db, ctx.user, parsedInput);
    revalidatePath("/lists/cost-codes", "layout");
    return {
      standardTask: result.standardTask
        ? {
            externalId: result.standardTask.externalId,
            name: result.standardTask.name,
            active: result.standardTask.active,
          }
        : null,
    };
  });

export const acceptCostCodeSuggestionsAction = authedAction
  .metadata({ name: "accept-cost-code-suggestions", roles: CAN_EDIT })
  .inputSchema(ZAcceptSuggestionsInput)
  .action(async ({ parsedInput, ctx }) => {
    const summary = await acceptCostCodeSuggestions(ctx.db, ctx.user, parsedInput);
    revalidatePath("/lists/cost-codes", "layout");
    return summary;
  });
