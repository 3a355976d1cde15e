import type { IntegrationMetadata } from "../types";

export const SAGE_INTACCT: IntegrationMetadata = {
  provider: "SAGE_INTACCT",
  slug: "sage-intacct",
  name: "Sage Intacct",
  shortName: "Intacct",
  description: "Sync approved contracts, contract changes, budgets, budget changes and invoices to Sage Intacct.",
};

// The guide's prerequisites, shown as a checklist before Start Integration.
export const PREREQUISITES = [
  {
    title: "An active Web Services license",
    detail:
      "If Web Services are not activated, ask your Sage Intacct account manager to activate them and give you a Sender ID and Sender Password.",
  },
  {
    title: "Your Sender ID authorized for this company",
    detail: "In Intacct: Company → Setup → Company → Security → Web Services authorizations → add the Sender ID.",
  },
  {
    title: "A Web Services user",
    detail:
      "In Intacct: Company → Admin → Web Services users → create a user with access to Accounts Payable, Purchasing and Projects.",
  },
] as const;

// Exports and the transaction definition each uses by default (§9: definitions are tenant-named).
export const DEFAULT_DEFINITIONS = {
  purchaseOrderDefinition: "Purchase Order",
  changeOrderDefinition: "PO Change Order",
  vendorInvoiceDefinition: "Vendor Invoice",
} as const;

export const DEFINITION_USES: Record<keyof typeof DEFAULT_DEFINITIONS, string> = {
  purchaseOrderDefinition: "contracts",
  changeOrderDefinition: "contract changes",
  vendorInvoiceDefinition: "invoices",
};
