import { startMockIntacct, type MockIntacct, type MockIntacctOptions } from "@/tools/mock-intacct";
import { createIntacctClient, createMemorySessionCache, type IntacctClientConfigInput } from "@/lib/intacct";

export const DEMO = {
  companyId: "DEMO-CONSTRUCTION",
  senderId: "ingenious_build",
  senderPassword: "demo-sender-pass",
  userId: "xml_gateway",
  userPassword: "demo-user-pass",
} as const;

export async function startMock(options: MockIntacctOptions = {}): Promise<MockIntacct> {
  return startMockIntacct({ seed: "demo", ...options });
}

/** A client for the mock with a private session cache and instant backoff (sleep is injectable, §11 retries). */
export function createMockClient(mock: MockIntacct, overrides: Partial<IntacctClientConfigInput> = {}) {
  return createIntacctClient({
    endpointUrl: mock.endpoint,
    ...DEMO,
    sessionCache: createMemorySessionCache(),
    sleep: async () => {},
    timeoutMs: 5_000,
    ...overrides,
  });
}

let counter = 0;
/** Unique, stable-looking control ids per test run (the mock remembers completed ones for uniqueid). */
export const nextControlId = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;
