// Linking our records to Intacct's, one module per kind of link.
export { ZAcceptSuggestionsInput, type AcceptSummary } from "./shared";
export * from "./vendors";
export * from "./projects";
export * from "./cost-codes";
