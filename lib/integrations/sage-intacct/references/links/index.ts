// Linking our records to Intacct's, one module per kind of link.
export { AcceptSuggestionsInput, type AcceptSummary, zIntacctId } from "./shared";
export * from "./vendors";
export * from "./projects";
export * from "./cost-codes";
