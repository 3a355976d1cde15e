import { randomUUID } from "node:crypto";
import { computeBackoffMs, parseRetryAfterMs, sleepFor } from "./backoff";
import {
  ZIntacctClientConfig,
  type IntacctClientConfigInput,
  type IntacctClientSettings,
  type IntacctExchange,
} from "./config";
import {
  IntacctError,
  IntacctFunctionError,
  IntacctValidationError,
  isIntacctError,
  toIntacctError,
  type ErrorContext,
  type IntacctFailure,
} from "./errors";
import { ZControlId, parseInput, type IntacctFunction } from "./function";
import { buildGetApiSession } from "./functions/read-functions";
import { createSessionLifecycle, type IntacctSessionInfo } from "./session-lifecycle";
import { findCompanyLimiter, type Limiter } from "./limiter";
import { anySignal } from "./signals";
import { createRedactingLogger, silentLogger, type IntacctLogger } from "./logger";
import { createRedactor, type Redactor } from "./redact";
import { sharedSessionCache, toSessionKey, type CachedSession, type SessionCache } from "./session-cache";
import { sendWithUndici, type IntacctTransport } from "./transport";
import { buildRequestXml, type RequestAuthentication } from "./xml-build";
import {
  NotIntacctXmlError,
  parseResponseXml,
  type ParsedAuthentication,
  type ParsedResponse,
  type ParsedResult,
} from "./xml-parse";

export type { IntacctSessionInfo } from "./session-lifecycle";

export type ExecuteOptions = {
  /** §6: all functions succeed or all roll back. Default false. */
  transaction?: boolean;
  /** §6: default true when any function is a write, false for reads only. */
  uniqueId?: boolean;
  /** Request (control-level) controlid; only pairs request and response (§2). Default: a UUID. */
  controlId?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
};

export type FunctionResult = ParsedResult & {
  ok: boolean;
  /** Set when status is failure or aborted. */
  error: IntacctFunctionError | undefined;
};

export type ExecuteResponse = {
  controlId: string;
  /** One per function, in request order (§3). */
  results: FunctionResult[];
  /** HTTP attempts, including retries and a session-refresh replay. */
  attempts: number;
  sessionRefreshed: boolean;
  /** The response's <authentication> block (sliding sessiontimeout, §5). */
  authentication: ParsedAuthentication | undefined;
  /**
   * An earlier attempt of this request got no clear answer (timeout, dropped connection, 5xx), so it may have run.
   * A function the retry reports as `aborted` may then have been saved by that attempt.
   */
  earlierAttemptUncertain: boolean;
};

type AuthMode = "session" | "login";

/**
 * A request envelope built ahead of time: runBatched builds the next batch while the current one is in flight,
 * so the next request leaves as soon as a slot frees up. Used only if nothing it depends on has changed.
 */
export type PreparedRequest = {
  functions: readonly IntacctFunction[];
  controlId: string;
  uniqueId: boolean;
  transaction: boolean;
  sessionId: string | undefined;
  xml: string;
};

/** Options only the client's own helpers use. */
export type InternalExecuteOptions = ExecuteOptions & {
  authMode?: AuthMode;
  /** An extra in-flight cap for one caller (a paging iterator), applied outside the company limiter. */
  requestLimiter?: Limiter;
  /** From prepare() with the same functions and options. */
  prepared?: PreparedRequest;
  /** Called once, right after the first attempt is handed to the transport (runBatched then builds the next batch). */
  onDispatched?: () => void;
  /** Aborted when the result is no longer wanted (a pager's consumer stopped): the attempt in flight ends as it
   * will, but no retry follows it. Unlike `signal`, it does not cut off a request on the wire. */
  stopRetrying?: AbortSignal;
};

/** One HTTP attempt of a request. */
type SendAttempt = {
  xml: string;
  endpoint: string;
  controlId: string;
  /** Whether the envelope carries a session id (an authentication failure then means the session expired). */
  usedSession: boolean;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** An extra in-flight cap for one caller, taken before the company's. */
  requestLimiter: Limiter | undefined;
  onDispatched: (() => void) | undefined;
};

/**
 * Why a failed attempt is not retried, or "retry". Writes are resent only when Intacct refuses to run a function
 * controlid twice (uniqueid, docs/intacct/gateway.md §6/§11); a read that moves a server-side cursor (readMore) only
 * when it provably did not run.
 */
export type RetryDecision =
  | "retry"
  | "not-retryable"
  | "write-without-uniqueid"
  | "unrepeatable-may-have-run"
  | "retry-after-too-long"
  | "retries-exhausted"
  | "no-longer-wanted";

export function decideRetry(
  error: Pick<IntacctError, "retryable" | "maybeCommitted" | "retryAfterMs">,
  state: {
    mayRetry: boolean;
    repeatable: boolean;
    retries: number;
    maxRetries: number;
    retryMaxMs: number;
    unwanted: boolean;
  },
): RetryDecision {
  if (!error.retryable) return "not-retryable";
  if (!state.mayRetry) return "write-without-uniqueid";
  if (!state.repeatable && error.maybeCommitted) return "unrepeatable-may-have-run";
  // A Retry-After beyond our longest wait: retrying sooner would only be refused again, so stop and say when.
  if (error.retryAfterMs !== undefined && error.retryAfterMs > state.retryMaxMs) return "retry-after-too-long";
  if (state.retries >= state.maxRetries) return "retries-exhausted";
  if (state.unwanted) return "no-longer-wanted";
  return "retry";
}

/** The engine under the public client: envelope, transport, sessions, retries, error mapping. */
export type ClientCore = {
  settings: IntacctClientSettings;
  log: IntacctLogger;
  redactor: Redactor;
  execute: (functions: readonly IntacctFunction[], options?: InternalExecuteOptions) => Promise<ExecuteResponse>;
  prepare: (functions: readonly IntacctFunction[], options?: InternalExecuteOptions) => Promise<PreparedRequest>;
  openSession: (options?: { force?: boolean }) => Promise<IntacctSessionInfo>;
  errorContext: (controlId?: string) => ErrorContext;
};

/** A response above this size (a list page, not a write result) takes long enough to parse to yield first. */
const LARGE_BODY_CHARS = 64 * 1024;

/**
 * Resolves after one full turn of the event loop (its I/O and check phases). One setImmediate is not enough: it
 * can be queued ahead of the transport's own deferred socket write and run first (measured: the request then left
 * only after the parse, ~25 ms late per 2000-record page). The second one is queued behind that write.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

export function createClientCore(config: IntacctClientConfigInput): ClientCore {
  const {
    logger,
    onExchange,
    sleep,
    random,
    now: nowOption,
    transport: transportOption,
    sessionCache: cacheOption,
    sharedLimiter,
    ...plain
  } = config;
  const settings = parseInput(ZIntacctClientConfig, plain, "Intacct client configuration");
  const redactor = createRedactor([settings.senderPassword, settings.userPassword]);
  const log = createRedactingLogger(logger ?? silentLogger, redactor);
  const wait = sleep ?? sleepFor;
  const jitter = random ?? Math.random;
  const now = nowOption ?? Date.now;
  const transport: IntacctTransport = transportOption ?? sendWithUndici;
  const sessions: SessionCache = cacheOption ?? sharedSessionCache;
  const limiter: Limiter = findCompanyLimiter(
    `${new URL(settings.endpointUrl).host}\u0000${settings.companyId}`,
    settings.maxConcurrentRequests,
  );
  const sessionKey = toSessionKey({ ...settings, entityId: settings.entityId });
  const headers = {
    "content-type": "application/xml; charset=utf-8",
    accept: "application/xml, text/xml",
    "accept-encoding": "gzip",
    "user-agent": settings.userAgent,
  };

  const errorContext = (controlId?: string): ErrorContext => ({
    controlId,
    companyId: settings.companyId,
    senderId: settings.senderId,
    userId: settings.userId,
    redact: redactor.redactText,
  });

  // Reports an attempt to the caller's hook; a throwing hook must never change the outcome of a request.
  const reportExchange = (exchange: IntacctExchange) => {
    if (!onExchange) return;
    try {
      onExchange({
        ...exchange,
        requestXml: redactor.redactText(exchange.requestXml),
        responseXml: exchange.responseXml === null ? null : redactor.redactText(exchange.responseXml),
      });
    } catch (error) {
      log.warn({ err: String(error) }, "intacct onExchange hook threw");
    }
  };

  const fail = (failure: IntacctFailure, controlId: string): IntacctError =>
    toIntacctError(failure, errorContext(controlId));

  const lifecycle = createSessionLifecycle({
    settings,
    sessions,
    sessionKey,
    redactor,
    log,
    now,
    fail,
    login: () => execute([buildGetApiSession(settings.entityId)], { authMode: "login", uniqueId: false }),
  });
  const { resolveSession, slideSession, openSession } = lifecycle;

  function validateFunctions(functions: readonly IntacctFunction[]): void {
    if (functions.length === 0) {
      throw new IntacctValidationError({
        internalMessage: "execute() needs at least one function",
        userMessage: "Nothing to send to Sage Intacct.",
      });
    }
    if (functions.length > settings.maxFunctionsPerRequest) {
      throw new IntacctValidationError({
        internalMessage: `${functions.length} functions exceed maxFunctionsPerRequest (${settings.maxFunctionsPerRequest}); use runBatched`,
        userMessage: "Too many changes for one request.",
      });
    }
    const seen = new Set<string>();
    for (const fn of functions) {
      // Builders already ran ZControlId; re-running zod per function per request is measurable in a 100-function
      // batch, so only a value that fails the same rule (1–256 characters) goes through zod for its error.
      const id: unknown = fn.controlId;
      if (typeof id !== "string" || id.length < 1 || id.length > 256)
        parseInput(ZControlId, fn.controlId, `${fn.name} controlId`);
      // Duplicate function controlids in one request would make uniqueid replay detection ambiguous (§6).
      if (seen.has(fn.controlId)) {
        throw new IntacctValidationError({
          internalMessage: `Duplicate function controlId "${fn.controlId}" in one request`,
          userMessage: "The same change was queued twice.",
        });
      }
      seen.add(fn.controlId);
    }
  }

  /** One HTTP attempt → a parsed, successful envelope, or a typed error. */
  async function sendOnce(attempt: SendAttempt): Promise<{ parsed: ParsedResponse; body: string; status: number }> {
    const { xml, endpoint, controlId, usedSession, timeoutMs, signal, requestLimiter, onDispatched } = attempt;
    let response;
    // Whether a request waits for the slot this one holds, seen when the answer arrives: by the time this function
    // resumes, the slot has been handed over and the queues are empty again.
    let othersWaiting = false;
    const post = () =>
      limiter.run(() => {
        const send = () => {
          // Cancelled while waiting for a slot: it never leaves, so its writes provably did not run.
          if (signal?.aborted) throw signal.reason;
          // The timeout starts when the request leaves, not while it waits for a company slot.
          const timeout = AbortSignal.timeout(timeoutMs);
          const sending = transport({ url: endpoint, body: xml, headers, signal: anySignal(signal, timeout) });
          onDispatched?.();
          return sending.then((answer) => {
            othersWaiting = limiter.waiting > 0 || (requestLimiter?.waiting ?? 0) > 0;
            return answer;
          });
        };
        return sharedLimiter ? sharedLimiter.run(send, signal) : send();
      }, signal);
    try {
      // The caller's own cap is taken first so a waiting caller never sits on a company slot.
      response = await (requestLimiter ? requestLimiter.run(post, signal) : post());
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw fail({ type: "network", cause }, controlId);
    }
    const { status, body } = response;
    // Parsing blocks the event loop (a large page for tens of ms). A request queued for the slot this one just
    // freed was handed to the transport in microtasks, but undici writes it to the socket in a later turn of the
    // event loop: let the loop go round first, so that request is on the wire while we parse.
    if (body.length > LARGE_BODY_CHARS || othersWaiting) await yieldToEventLoop();
    let parsed: ParsedResponse;
    try {
      parsed = parseResponseXml(body);
    } catch (error) {
      if (!(error instanceof NotIntacctXmlError)) throw error;
      if (status === 429 || status >= 300) {
        throw fail(
          { type: "http", status, body, retryAfterMs: parseRetryAfterMs(response.headers["retry-after"], now()) },
          controlId,
        );
      }
      throw fail({ type: "non-xml", status, body }, controlId);
    }
    // §11: 502/503/504/524 are transient whatever the body says; a 429 is a rate limit even with an XML body.
    if (status >= 500)
      throw fail(
        { type: "http", status, body, retryAfterMs: parseRetryAfterMs(response.headers["retry-after"], now()) },
        controlId,
      );
    if (parsed.controlStatus !== "success") {
      throw fail(
        {
          type: "control",
          status,
          body,
          details: parsed.controlErrors,
          retryAfterMs: parseRetryAfterMs(response.headers["retry-after"], now()),
        },
        controlId,
      );
    }
    if (status === 429)
      throw fail(
        { type: "http", status, body, retryAfterMs: parseRetryAfterMs(response.headers["retry-after"], now()) },
        controlId,
      );
    const authenticationFailed = parsed.authentication
      ? parsed.authentication.status !== "success"
      : parsed.authenticationErrors.length > 0;
    if (authenticationFailed || status === 401) {
      throw fail(
        { type: "authentication", status, body, details: parsed.authenticationErrors, usedSession },
        controlId,
      );
    }
    if (status >= 300) throw fail({ type: "http", status, body }, controlId);
    return { parsed, body, status };
  }

  function matchResults(
    functions: readonly IntacctFunction[],
    parsed: ParsedResponse,
    body: string,
    controlId: string,
  ): FunctionResult[] {
    if (parsed.results.length !== functions.length) {
      // A truncated or mismatched reply: we cannot tell which functions ran, so the whole request is "unknown".
      throw fail(
        {
          type: "incomplete",
          status: 200,
          body,
          reason: `expected ${functions.length} results, got ${parsed.results.length}`,
        },
        controlId,
      );
    }
    const byControlId = new Map(parsed.results.map((result) => [result.controlId, result]));
    return functions.map((fn, index) => {
      // A result without a controlid (§3 echoes it, but not always on errors) is taken by position. One carrying a
      // controlid, but not this function's, is someone else's: then we cannot tell what ran, so it is "unknown".
      const positional = parsed.results[index] as ParsedResult;
      const result = byControlId.get(fn.controlId) ?? (positional.controlId === "" ? positional : undefined);
      if (!result)
        throw fail(
          { type: "incomplete", status: 200, body, reason: `no result carries function controlid "${fn.controlId}"` },
          controlId,
        );
      if (result.status === "success") return { ...result, ok: true, error: undefined };
      const error = toIntacctError(
        {
          type: "function",
          status: 200,
          body: "",
          details: result.errors,
          functionControlId: fn.controlId,
          functionName: result.functionName || fn.name,
          resultStatus: result.status === "aborted" ? "aborted" : "failure",
        },
        errorContext(controlId),
      ) as IntacctFunctionError;
      return { ...result, ok: false, error };
    });
  }

  function buildEnvelope(
    functions: readonly IntacctFunction[],
    controlId: string,
    uniqueId: boolean,
    transaction: boolean,
    session: CachedSession | undefined,
  ): string {
    const authentication: RequestAuthentication = session
      ? { sessionId: session.sessionId }
      : {
          login: {
            userId: settings.userId,
            companyId: settings.companyId,
            password: settings.userPassword,
            locationId: settings.entityId,
          },
        };
    const envelopeFunctions = functions.map((fn) => ({ controlId: fn.controlId, body: fn.body }));
    return buildRequestXml({
      senderId: settings.senderId,
      senderPassword: settings.senderPassword,
      controlId,
      uniqueId,
      transaction,
      authentication,
      functions: envelopeFunctions,
    });
  }

  async function prepare(
    functions: readonly IntacctFunction[],
    options: InternalExecuteOptions = {},
  ): Promise<PreparedRequest> {
    validateFunctions(functions);
    const uniqueId = options.uniqueId ?? functions.some((fn) => fn.kind === "write");
    const transaction = options.transaction ?? false;
    const controlId = parseInput(ZControlId, options.controlId ?? randomUUID(), "request controlId");
    const session = options.authMode === "login" ? undefined : await resolveSession(false);
    return {
      functions,
      controlId,
      uniqueId,
      transaction,
      sessionId: session?.sessionId,
      xml: buildEnvelope(functions, controlId, uniqueId, transaction, session),
    };
  }

  async function execute(
    functions: readonly IntacctFunction[],
    options: InternalExecuteOptions = {},
  ): Promise<ExecuteResponse> {
    const isWrite = functions.some((fn) => fn.kind === "write");
    const uniqueId = options.uniqueId ?? isWrite;
    const transaction = options.transaction ?? false;
    const prepared =
      options.prepared?.functions === functions &&
      options.prepared.uniqueId === uniqueId &&
      options.prepared.transaction === transaction &&
      options.controlId === undefined
        ? options.prepared
        : undefined;
    if (!prepared) validateFunctions(functions);
    const controlId =
      prepared?.controlId ?? parseInput(ZControlId, options.controlId ?? randomUUID(), "request controlId");
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
    // §6/§11: a write may be resent only when Intacct will refuse to run a function controlid twice.
    const mayRetry = !isWrite || uniqueId;
    // A read that moves server-side state (readMore's cursor) is resent only when it provably did not run (429,
    // refused connection): after a lost reply the resend would return the next page and skip one silently.
    const repeatable = functions.every((fn) => fn.repeatable !== false);

    let session: CachedSession | undefined;
    try {
      session = options.authMode === "login" ? undefined : await resolveSession(false);
    } catch (loginError) {
      // The login may be shared with concurrent callers; this request was never sent (its writes did not run).
      if (isIntacctError(loginError)) throw loginError.forRequest({ attempts: 0, maybeCommitted: false });
      throw loginError;
    }
    // Built once per session: every retry resends byte-identical XML, so the function controlids cannot drift.
    const buildXml = () => buildEnvelope(functions, controlId, uniqueId, transaction, session);
    let xml = prepared && prepared.sessionId === session?.sessionId ? prepared.xml : buildXml();
    let attempts = 0;
    let retries = 0;
    let sessionRefreshed = false;
    let maybeCommitted = false;
    let timedOut: IntacctError | undefined;

    for (;;) {
      attempts += 1;
      const endpoint = session?.endpoint ?? settings.endpointUrl;
      const started = now();
      log.debug(
        {
          controlId,
          attempt: attempts,
          functions: functions.length,
          names: [...new Set(functions.map((fn) => fn.name))],
          uniqueId,
          transaction,
          endpoint,
        },
        "intacct request",
      );
      if (settings.logXml) log.debug({ controlId, xml }, "intacct request xml");
      try {
        const onDispatched = attempts === 1 ? options.onDispatched : undefined;
        const { parsed, body, status } = await sendOnce({
          xml,
          endpoint,
          controlId,
          usedSession: session !== undefined,
          timeoutMs,
          signal: options.signal,
          requestLimiter: options.requestLimiter,
          onDispatched,
        });
        if (settings.logXml) log.debug({ controlId, xml: body }, "intacct response xml");
        reportExchange({
          controlId,
          attempt: attempts,
          requestXml: xml,
          responseXml: body,
          status,
          durationMs: now() - started,
          errorCode: null,
        });
        if (session) slideSession(session, parsed.authentication);
        const results = matchResults(functions, parsed, body, controlId);
        log.debug(
          {
            controlId,
            attempt: attempts,
            durationMs: now() - started,
            failed: results.filter((result) => !result.ok).length,
          },
          "intacct response",
        );
        return {
          controlId,
          results,
          attempts,
          sessionRefreshed,
          authentication: parsed.authentication,
          earlierAttemptUncertain: maybeCommitted,
        };
      } catch (caught) {
        if (!isIntacctError(caught)) throw caught;
        let error = caught;
        reportExchange({
          controlId,
          attempt: attempts,
          requestXml: xml,
          responseXml: error.rawResponse ?? null,
          status: error.httpStatus ?? null,
          durationMs: now() - started,
          errorCode: error.code,
        });
        error.attempts = attempts;
        if (error.maybeCommitted) maybeCommitted = true;
        else if (maybeCommitted) error.maybeCommitted = true;
        if (error.code === "timeout") timedOut ??= error;
        if (error.kind === "authentication" && session && !sessionRefreshed) {
          // §4/§14: the reply to an expired session is undocumented, so any authentication failure on a session
          // request is taken as expiry: log in once more and replay. Safe even for writes — an authentication
          // failure means no function ran (§3).
          log.info({ controlId, error: error.toLog() }, "intacct session rejected; logging in again");
          sessionRefreshed = true;
          try {
            session = await resolveSession(true, session);
          } catch (loginError) {
            // The login is shared with concurrent callers, so this request reports a copy: with its own attempt
            // count, and maybe-committed if an earlier attempt may have run (its writes are unknown, not failed).
            if (isIntacctError(loginError)) throw loginError.forRequest({ attempts, maybeCommitted });
            throw loginError;
          }
          xml = buildXml();
          continue;
        }
        const decision = decideRetry(error, {
          mayRetry,
          repeatable,
          retries,
          maxRetries: settings.maxRetries,
          retryMaxMs: settings.retryMaxMs,
          unwanted: Boolean(options.signal?.aborted || options.stopRetrying?.aborted),
        });
        if (decision !== "retry") {
          // Intacct counts a request it is still working on against the company's concurrency limit, so when the
          // retries after a timeout all hit 429s, that is the slowness showing again: report the timeout, which
          // says what happened. (A stop for another reason, e.g. a long Retry-After, keeps the 429.)
          if (error.kind === "rate-limit" && timedOut && retries >= settings.maxRetries)
            error = timedOut.forRequest({ attempts, maybeCommitted });
          log.warn({ controlId, error: error.toLog(), willRetry: false, stop: decision }, "intacct request failed");
          throw error;
        }
        const delayMs = computeBackoffMs(retries, {
          baseMs: settings.retryBaseMs,
          maxMs: settings.retryMaxMs,
          random: jitter,
          retryAfterMs: error.retryAfterMs,
        });
        retries += 1;
        log.warn({ controlId, error: error.toLog(), retry: retries, delayMs }, "intacct request failed; retrying");
        await wait(delayMs, anySignal(options.signal, options.stopRetrying));
      }
    }
  }

  return { settings, log, redactor, execute, prepare, openSession, errorContext };
}
