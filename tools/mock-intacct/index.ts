// Public entry point of the mock Intacct XML gateway (tests, e2e, demo). Never imported by the production app.
export { startMockIntacct, GATEWAY_PATH } from "./server";
export type {
  MockIntacct,
  MockIntacctOptions,
  RequestLogEntry,
  DocumentView,
  EstimateView,
  PaymentView,
  ListDocumentsOptions,
} from "./server";
export { AccountantError, AccountantActionSchema } from "./accountant";
export type { AccountantAction, AccountantResult, EstimateEntryResult } from "./accountant";
export type { FaultConfig, FaultPatch } from "./faults";
export { DEFAULT_FAULTS } from "./faults";
export {
  DEMO_CREDENTIALS,
  DEMO_SANDBOX_COMPANY_ID,
  NO_WEBSERVICES_COMPANY_ID,
  DEMO_ENTITIES,
  COST_CODES_ABSENT_IN_INTACCT,
} from "./seed";
export type { SeedName } from "./seed";
export { CREATE_POTRANSACTION_ORDER, POTRANSITEM_ORDER } from "./po-transactions";
export { WFTYPES } from "./estimates";
