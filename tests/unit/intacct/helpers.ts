import { vi } from "vitest";
import {
  createIntacctClient,
  createMemorySessionCache,
  type IntacctClientConfigInput,
  type TransportRequest,
  type TransportResponse,
} from "@/lib/intacct";
import { sessionResponse } from "./fixtures";

export type Reply =
  | TransportResponse
  | string
  | Error
  | ((request: TransportRequest) => TransportResponse | string | Error | Promise<TransportResponse | string>);

const toResponse = (reply: TransportResponse | string): TransportResponse =>
  typeof reply === "string" ? { status: 200, headers: { "content-type": "text/xml" }, body: reply } : reply;

/** Extracts the function controlids of a request, in order. */
export const functionControlIds = (xml: string): string[] =>
  [...xml.matchAll(/<function controlid="([^"]*)"/g)].map((match) => match[1] ?? "");
/** Answers each function of a request by mapping its controlid (for batch tests). */
export const isSessionRequest = (request: TransportRequest) => request.body.includes("<getAPISession");

/**
 * A scripted transport: answers getAPISession automatically (unless `autoSession: false`), then replies from the
 * queue in order. Every request is recorded for assertions.
 */
export function createScriptedTransport(replies: Reply[], options: { autoSession?: boolean } = {}) {
  const requests: TransportRequest[] = [];
  const queue = [...replies];
  const transport = vi.fn(async (request: TransportRequest): Promise<TransportResponse> => {
    requests.push(request);
    if ((options.autoSession ?? true) && isSessionRequest(request)) return toResponse(sessionResponse());
    const next = queue.shift();
    if (next === undefined) throw new Error(`unexpected request #${requests.length}: ${request.body.slice(0, 300)}`);
    const reply = typeof next === "function" ? await next(request) : next;
    if (reply instanceof Error) throw reply;
    return toResponse(reply);
  });
  return {
    transport,
    requests,
    remaining: () => queue.length,
    dataRequests: () => requests.filter((request) => !isSessionRequest(request)),
  };
}

export const http = (status: number, body: string, headers: Record<string, string> = {}): TransportResponse => ({
  status,
  headers: { "content-type": "text/html", ...headers },
  body,
});

export const networkError = (code: string, message = "socket hang up") => Object.assign(new Error(message), { code });
export const timeoutError = () => new DOMException("The operation was aborted due to timeout", "TimeoutError");

let companyCounter = 0;

export function createTestClient(
  transport: IntacctClientConfigInput["transport"],
  overrides: Partial<IntacctClientConfigInput> = {},
) {
  const sleep = vi.fn(async (_ms: number) => {});
  const logs: { level: string; object: Record<string, unknown>; message?: string }[] = [];
  const capture = (level: string) => (object: Record<string, unknown>, message?: string) =>
    void logs.push({ level, object, message });
  const client = createIntacctClient({
    endpointUrl: "https://api.intacct.example/ia/xml/xmlgw.phtml",
    senderId: "ingenious_build",
    senderPassword: "demo-sender-pass",
    // A company per test keeps the process-wide per-company limiter from coupling tests.
    companyId: `DEMO-${++companyCounter}`,
    userId: "xml_gateway",
    userPassword: "demo-user-pass",
    transport,
    sleep,
    random: () => 0.5,
    sessionCache: createMemorySessionCache(),
    logger: { debug: capture("debug"), info: capture("info"), warn: capture("warn"), error: capture("error") },
    ...overrides,
  });
  return { client, sleep, logs };
}
