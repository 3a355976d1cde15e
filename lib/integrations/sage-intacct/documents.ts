// The Intacct document each of our item types becomes, and where people find it in Intacct.
import type { ItemType } from "@/lib/generated/prisma/enums";

export const INTACCT_DOCUMENTS: Record<ItemType, { documentType: string; location: string }> = {
  CONTRACT: { documentType: "Purchase Order", location: "Purchasing → Transactions → Order → Purchase Order" },
  CONTRACT_CHANGE: {
    documentType: "PO Change Order",
    location: "Purchasing → Transactions → Order → PO Change Order",
  },
  BUDGET: { documentType: "Project Estimate", location: "Projects → Project Estimates" },
  BUDGET_CHANGE: { documentType: "Project Estimate entries", location: "Projects → Project Estimates" },
  INVOICE: { documentType: "Vendor Invoice", location: "Purchasing → Transactions → Invoice → Vendor Invoice" },
};

/**
 * A synced document's name as people read it. Intacct's purchasing keys are "<definition>-<document number>"
 * ("Purchase Order-SC-1001"); people read "Purchase Order SC-1001".
 */
export function describeIntacctDocument(itemType: ItemType, key: string): string {
  if (itemType === "BUDGET" || itemType === "BUDGET_CHANGE") return `Project Estimate ${key}`;
  return key.replace(/-/, " ");
}
