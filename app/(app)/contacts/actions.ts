"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { ADMIN_ONLY, CAN_EDIT } from "@/lib/auth/roles";
import { ZAccountingCompanyInput, saveAccountingCompany } from "@/lib/contacts/accounting-companies";
import { ZCostCodeInput, saveCostCode } from "@/lib/cost-codes/cost-codes";
import { createVendorsInIntacct, ZCreateVendorsInput } from "@/lib/integrations/sage-intacct/create-in-intacct";
import {
  acceptVendorSuggestions,
  ZAcceptSuggestionsInput,
  ZImportableVendorsInput,
  linkVendor,
  listImportableVendors,
  unlinkVendor,
  ZUnlinkVendorInput,
  VENDOR_IMPORT_MAX_SELECT,
  ZVendorLinkInput,
} from "@/lib/integrations/sage-intacct/references/links";
import {
  readVendorImport,
  startVendorImport,
  ZReadVendorImportInput,
  ZStartVendorImportInput,
} from "@/lib/integrations/sage-intacct/references/links/vendor-import-jobs";
import { enqueueVendorImport } from "@/lib/jobs/import-jobs";

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

// Import from Sage Intacct: accounting companies created from Intacct vendors. The import runs as a job (one per
// company at a time); the dialog follows its progress and ends on its summary.
export const listImportableVendorsAction = authedAction
  .metadata({ name: "list-importable-vendors", roles: CAN_EDIT })
  .inputSchema(ZImportableVendorsInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await listImportableVendors(ctx.db, ctx.user, {
      query: parsedInput.query,
      limit: parsedInput.idsOnly ? VENDOR_IMPORT_MAX_SELECT : 50,
    });
    return parsedInput.idsOnly ? { total: result.total, ids: result.rows.map((r) => r.externalId) } : result;
  });

export const startVendorImportAction = authedAction
  .metadata({ name: "start-vendor-import", roles: CAN_EDIT })
  .inputSchema(ZStartVendorImportInput)
  .action(async ({ parsedInput, ctx }) =>
    startVendorImport(ctx.db, ctx.user, parsedInput, { enqueue: enqueueVendorImport }),
  );

export const readVendorImportAction = authedAction
  .metadata({ name: "read-vendor-import", roles: CAN_EDIT })
  .inputSchema(ZReadVendorImportInput)
  .action(async ({ parsedInput, ctx }) => readVendorImport(ctx.db, ctx.user.companyId, parsedInput.importId));

// Create in Intacct: a VENDOR from an accounting company that has none, then linked (admins).
export const createVendorsInIntacctAction = authedAction
  .metadata({ name: "create-intacct-vendors", roles: ADMIN_ONLY })
  .inputSchema(ZCreateVendorsInput)
  .action(async ({ parsedInput, ctx }) => {
    const outcomes = await createVendorsInIntacct(ctx.db, ctx.user, parsedInput);
    revalidatePath("/contacts/accounting-companies");
    return outcomes;
  });
