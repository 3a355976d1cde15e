import { z } from "zod";
import type { IntacctLogger } from "./logger";
import type { SessionCache } from "./session-cache";
import type { IntacctTransport } from "./transport";
import type { Limiter } from "./limiter";

/** §1: Intacct's public gateway; getAPISession then tells us which endpoint to use. */
export const DEFAULT_ENDPOINT_URL = "https://api.intacct.com/ia/xml/xmlgw.phtml";
export const DEFAULT_USER_AGENT = "ingenious-build-intacct/0.1 (+lib/intacct; undici)";

const ZSecret = z.string().min(1);

export const ZIntacctClientConfig = z.object({
  // Any host is allowed (unlike SDK-JS, §1) so the mock and regional endpoints work.
  endpointUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_ENDPOINT_URL),
  senderId: z.string().min(1),
  senderPassword: ZSecret,
  companyId: z.string().min(1),
  userId: z.string().min(1),
  userPassword: ZSecret,
  /** Multi-entity: log into this entity (login/getAPISession locationid, §5, §8). */
  entityId: z.string().min(1).optional(),
  /** Per HTTP attempt. SDK-JS uses 30 s (§11); a 100-function batch can take longer. */
  timeoutMs: z.number().int().positive().default(60_000),
  maxRetries: z.number().int().min(0).max(10).default(4),
  retryBaseMs: z.number().int().positive().default(500),
  retryMaxMs: z.number().int().positive().default(15_000),
  /** §2: no documented cap; 100 keeps one request well under the async 500K-character limit (§11). */
  maxFunctionsPerRequest: z.number().int().min(1).max(1000).default(100),
  /** §11: per-company concurrent request limit, shared by all clients in the process. */
  maxConcurrentRequests: z.number().int().min(1).max(32).default(2),
  /** Fallback session lifetime when a response carries no <sessiontimeout>. */
  sessionIdleMs: z
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
  /** Log redacted request/response XML at debug level. */
  logXml: z.boolean().default(false),
});

/**
 * One HTTP exchange with the gateway, as the client saw it: redacted XML (no password, sender password or session
 * id), for a caller that keeps a record of what was sent (the sync history) without parsing log lines.
 */
export type IntacctExchange = {
  controlId: string;
  attempt: number;
  requestXml: string;
  /** The reply's body; null when none arrived (network error, timeout). */
  responseXml: string | null;
  /** HTTP status, when a reply arrived. */
  status: number | null;
  durationMs: number;
  /** The error code when the attempt failed (it may still be retried). */
  errorCode: string | null;
};

export type IntacctClientConfigInput = z.input<typeof ZIntacctClientConfig> & {
  logger?: IntacctLogger;
  /** Called after every HTTP attempt, successful or not. Must not throw; errors are ignored. */
  onExchange?: (exchange: IntacctExchange) => void;
  /** Injectable for tests (fake backoff). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests (deterministic jitter). Returns [0, 1). */
  random?: () => number;
  now?: () => number;
  transport?: IntacctTransport;
  sessionCache?: SessionCache;
  /**
   * A limit shared with other processes (the app holds it in its database), taken around each HTTP attempt after
   * this process's own company slot: Intacct counts a company's requests from every server together.
   */
  sharedLimiter?: Pick<Limiter, "run">;
};

export type IntacctClientSettings = z.output<typeof ZIntacctClientConfig>;
