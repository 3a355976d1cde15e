import {
  findGuidance,
  findGuidanceByCode,
  type GuidanceCode,
  type GuidanceContext,
  type GuidanceRule,
} from "./error-guidance";

/**
 * Typed errors, modelled on stripe-node's Error.ts: ONE factory (`toIntacctError`) turns every failure into one of
 * these classes. `internalMessage` (= `message`) is for logs and engineers; `userMessage` is what an admin sees and
 * always comes from the guidance table. `rawResponse` is redacted before it is stored.
 */
export type IntacctErrorKind = "control" | "authentication" | "rate-limit" | "transport" | "function" | "validation";

export type IntacctErrorDetail = {
  errorNo: string;
  description: string;
  description2: string;
  correction: string;
};

export type IntacctErrorInit = {
  code: GuidanceCode;
  internalMessage: string;
  userMessage: string;
  retryable?: boolean;
  controlId?: string;
  functionControlId?: string;
  functionName?: string;
  httpStatus?: number;
  rawResponse?: string;
  details?: IntacctErrorDetail[];
  maybeCommitted?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
};

const TRANSIENT_LATER_CODES = new Set<string>([
  "rate-limited",
  "session-expired",
  "timeout",
  "network",
  "connection-refused",
]);

export abstract class IntacctError extends Error {
  abstract readonly kind: IntacctErrorKind;
  /** Guidance code (error-guidance.ts) — stable, for UI mapping and metrics. */
  readonly code: GuidanceCode;
  readonly retryable: boolean;
  /** The request (control-level) controlid. */
  readonly controlId: string | undefined;
  readonly httpStatus: number | undefined;
  /** Redacted and truncated response body, for support. Never contains passwords or session ids. */
  readonly rawResponse: string | undefined;
  readonly details: IntacctErrorDetail[];
  readonly userMessage: string;
  /**
   * True when the request may have been processed although we got no answer (timeout, dropped connection, 5xx):
   * a write in this state is "unknown" and must be reconciled or replayed with uniqueid=true.
   */
  maybeCommitted: boolean;
  readonly retryAfterMs: number | undefined;
  /** Set by the client: how many HTTP attempts were made before giving up. */
  attempts = 1;

  constructor(init: IntacctErrorInit) {
    super(init.internalMessage, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.controlId = init.controlId;
    this.httpStatus = init.httpStatus;
    this.rawResponse = init.rawResponse;
    this.details = init.details ?? [];
    this.userMessage = init.userMessage;
    this.maybeCommitted = init.maybeCommitted ?? false;
    this.retryAfterMs = init.retryAfterMs;
  }

  get internalMessage(): string {
    return this.message;
  }

  /**
   * Worth another attempt later (a background job's retry, minutes from now), whatever this client's own quick
   * retries concluded: everything the client retries, every 5xx (the client retries only some, §11), a rate limit,
   * an ended session, a timeout or network failure. The one place this is decided; callers pass it on.
   */
  get transientForLater(): boolean {
    return this.retryable || (this.httpStatus ?? 0) >= 500 || TRANSIENT_LATER_CODES.has(this.code);
  }

  /**
   * This error as one request reports it: a copy, because a shared failure (a login joined by concurrent callers)
   * is held by others too. Both fields are the request's own: how often it was sent, and whether one of those
   * sends may have run. A login that timed out may have run too, but a login saves nothing of the request's.
   */
  forRequest(state: { attempts: number; maybeCommitted: boolean }): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object, Object.getOwnPropertyDescriptors(this)) as this;
    copy.attempts = state.attempts;
    copy.maybeCommitted = state.maybeCommitted;
    return copy;
  }

  get errorNo(): string | undefined {
    return this.details[0]?.errorNo;
  }

  /** A log-safe summary (no raw body) for structured loggers. */
  toLog(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      code: this.code,
      message: this.message,
      controlId: this.controlId,
      httpStatus: this.httpStatus,
      retryable: this.retryable,
      maybeCommitted: this.maybeCommitted,
      attempts: this.attempts,
      errorNo: this.errorNo,
    };
  }
}

/** Sender id/password wrong, Web Services not enabled, malformed request, company expired: nothing ran. */
export class IntacctControlError extends IntacctError {
  readonly kind = "control" as const;
}

/** User/company/password wrong, sender not authorized for the company, session expired: nothing ran. */
export class IntacctAuthenticationError extends IntacctError {
  readonly kind = "authentication" as const;
}

/** HTTP 429 / GW-0010: nothing ran; safe to retry after a pause. */
export class IntacctRateLimitError extends IntacctError {
  readonly kind = "rate-limit" as const;
}

/** Network failure, timeout, 5xx, 524, or a body that is not an Intacct XML response. */
export class IntacctTransportError extends IntacctError {
  readonly kind = "transport" as const;
}

/** One function's failure inside an otherwise successful request. */
export class IntacctFunctionError extends IntacctError {
  readonly kind = "function" as const;
  readonly functionControlId: string;
  readonly functionName: string;
  /** "failure", or "aborted" when transaction=true rolled this function back because another failed (§6). */
  readonly resultStatus: "failure" | "aborted";

  constructor(
    init: IntacctErrorInit & { functionControlId: string; functionName: string; resultStatus: "failure" | "aborted" },
  ) {
    super(init);
    this.functionControlId = init.functionControlId;
    this.functionName = init.functionName;
    this.resultStatus = init.resultStatus;
  }

  get description(): string {
    return this.details[0]?.description ?? "";
  }

  get description2(): string {
    return this.details[0]?.description2 ?? "";
  }

  get correction(): string {
    return this.details[0]?.correction ?? "";
  }
}

/** Our own input checks (zod, control characters, dates): nothing was sent. */
export class IntacctValidationError extends IntacctError {
  readonly kind = "validation" as const;
  readonly issues: { path: string; message: string }[];

  constructor(
    init: Omit<IntacctErrorInit, "code"> & { code?: GuidanceCode; issues?: { path: string; message: string }[] },
  ) {
    super({ ...init, code: init.code ?? "invalid-input" });
    this.issues = init.issues ?? [];
  }
}

export function isIntacctError(value: unknown): value is IntacctError {
  return value instanceof IntacctError;
}

// ─── the factory ─────────────────────────────────────────────────────────────────────────────────────────────

export type IntacctFailure =
  | { type: "network"; cause: unknown }
  | { type: "http"; status: number; body: string; retryAfterMs?: number }
  | { type: "non-xml"; status: number; body: string }
  | { type: "incomplete"; status: number; body: string; reason: string }
  /** The caller's AbortSignal, before or after the request was handed to the transport. */
  | { type: "cancelled"; dispatched: boolean }
  | { type: "control"; status: number; body: string; details: IntacctErrorDetail[]; retryAfterMs?: number }
  | { type: "authentication"; status: number; body: string; details: IntacctErrorDetail[]; usedSession: boolean }
  | {
      type: "function";
      status: number;
      body: string;
      details: IntacctErrorDetail[];
      functionControlId: string;
      functionName: string;
      resultStatus: "failure" | "aborted";
    };

export type ErrorContext = {
  controlId?: string;
  companyId: string;
  senderId: string;
  userId: string;
  /** Applied to every body before it is stored on an error. */
  redact: (text: string) => string;
};

const RAW_RESPONSE_LIMIT = 16_384;
const RETRYABLE_HTTP_STATUSES = new Set([429, 502, 503, 504, 524]);

function isRetryableHttpStatus(status: number): boolean {
  return RETRYABLE_HTTP_STATUSES.has(status);
}

function summarizeDetails(details: readonly IntacctErrorDetail[]): string {
  // Same shape as SDK-JS (§4): an error's non-empty parts joined by spaces, errors joined by " - ".
  return details
    .map((detail) =>
      [detail.errorNo, detail.description, detail.description2, detail.correction].filter(Boolean).join(" "),
    )
    .join(" - ");
}

// §4: generic failures put a bare "Error" in description and the text in description2; the placeholder says
// nothing, so the text an admin reads starts with the real words.
const PLACEHOLDER_DESCRIPTION = /^error$/i;

function describeDetail(detail: IntacctErrorDetail): string {
  const description =
    PLACEHOLDER_DESCRIPTION.test(detail.description.trim()) && detail.description2 ? "" : detail.description;
  return `${description} ${detail.description2}`.trim();
}

function toGuidanceContext(
  context: ErrorContext,
  details: readonly IntacctErrorDetail[],
  httpStatus?: number,
): GuidanceContext {
  return {
    companyId: context.companyId,
    senderId: context.senderId,
    userId: context.userId,
    httpStatus,
    text: details.map(describeDetail).join(" "),
    correction: details
      .map((detail) => detail.correction)
      .filter(Boolean)
      .join(" "),
  };
}

function storeRaw(context: ErrorContext, body: string): string | undefined {
  if (!body) return undefined;
  const redacted = context.redact(body);
  if (redacted.length <= RAW_RESPONSE_LIMIT) return redacted;
  return `${redacted.slice(0, RAW_RESPONSE_LIMIT)}…[truncated ${redacted.length - RAW_RESPONSE_LIMIT} chars]`;
}

type NetworkClassification = {
  code: "timeout" | "connection-refused" | "network";
  maybeCommitted: boolean;
  text: string;
};

const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** Decides whether the request can have reached Intacct: only failures to connect prove it did not. */
function classifyNetworkError(cause: unknown): NetworkClassification {
  const error = cause as { name?: string; code?: string; message?: string; cause?: { code?: string } } | undefined;
  const code = error?.code ?? error?.cause?.code ?? "";
  const text = `${error?.name ?? "Error"}${code ? ` ${code}` : ""}: ${error?.message ?? String(cause)}`;
  if (error?.name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return { code: "timeout", maybeCommitted: true, text };
  }
  if (NOT_SENT_CODES.has(code)) return { code: "connection-refused", maybeCommitted: false, text };
  return { code: "network", maybeCommitted: true, text };
}

function build(
  ErrorClass: new (init: IntacctErrorInit) => IntacctError,
  rule: GuidanceRule,
  init: Omit<IntacctErrorInit, "code" | "userMessage">,
  guidance: GuidanceContext,
): IntacctError {
  return new ErrorClass({ ...init, code: rule.code, userMessage: rule.userMessage(guidance) });
}

export function toIntacctError(input: IntacctFailure, context: ErrorContext): IntacctError {
  const base = { controlId: context.controlId };
  // Error texts can echo what was sent (a session id, a password); they feed messages, so redact them first.
  const failure: IntacctFailure =
    "details" in input
      ? {
          ...input,
          details: input.details.map((detail) => ({
            errorNo: detail.errorNo,
            description: context.redact(detail.description),
            description2: context.redact(detail.description2),
            correction: context.redact(detail.correction),
          })),
        }
      : input;
  switch (failure.type) {
    case "network": {
      const network = classifyNetworkError(failure.cause);
      const rule = findGuidanceByCode(network.code);
      return build(
        IntacctTransportError,
        rule,
        {
          ...base,
          internalMessage: `Intacct request failed: ${network.text}`,
          retryable: true,
          maybeCommitted: network.maybeCommitted,
          cause: failure.cause,
        },
        toGuidanceContext(context, []),
      );
    }
    case "http": {
      if (failure.status === 429) {
        return build(
          IntacctRateLimitError,
          findGuidanceByCode("rate-limited"),
          {
            ...base,
            internalMessage: "Intacct rate limit (HTTP 429)",
            retryable: true,
            httpStatus: 429,
            rawResponse: storeRaw(context, failure.body),
            retryAfterMs: failure.retryAfterMs,
          },
          toGuidanceContext(context, [], 429),
        );
      }
      const retryable = isRetryableHttpStatus(failure.status);
      const rule = failure.status >= 500 ? findGuidanceByCode("server-error") : findGuidanceByCode("non-xml");
      return build(
        IntacctTransportError,
        rule,
        {
          ...base,
          internalMessage: `Intacct answered HTTP ${failure.status} without an XML response`,
          retryable,
          // A 5xx (mid-process failure, §4) or a gateway timeout (524) does not prove nothing ran.
          maybeCommitted: failure.status >= 500,
          httpStatus: failure.status,
          rawResponse: storeRaw(context, failure.body),
          // A 503 may say when to come back, as a 429 does.
          retryAfterMs: failure.retryAfterMs,
        },
        toGuidanceContext(context, [], failure.status),
      );
    }
    case "non-xml":
      return build(
        IntacctTransportError,
        findGuidanceByCode("non-xml"),
        {
          ...base,
          internalMessage: `Intacct answered HTTP ${failure.status} with a body that is not an Intacct XML response`,
          maybeCommitted: true,
          httpStatus: failure.status,
          rawResponse: storeRaw(context, failure.body),
        },
        toGuidanceContext(context, [], failure.status),
      );
    case "incomplete":
      return build(
        IntacctTransportError,
        findGuidanceByCode("incomplete-response"),
        {
          ...base,
          internalMessage: `Incomplete Intacct response: ${failure.reason}`,
          maybeCommitted: true,
          httpStatus: failure.status,
          rawResponse: storeRaw(context, failure.body),
        },
        toGuidanceContext(context, [], failure.status),
      );
    case "cancelled":
      return build(
        IntacctTransportError,
        findGuidanceByCode("cancelled"),
        {
          ...base,
          internalMessage: failure.dispatched
            ? "Cancelled after the request was sent; it may have been processed"
            : "Cancelled before the request was sent",
          maybeCommitted: failure.dispatched,
        },
        toGuidanceContext(context, []),
      );
    case "control": {
      const rule = findGuidance(failure.details);
      const guidance = toGuidanceContext(context, failure.details, failure.status);
      const init = {
        ...base,
        internalMessage: `Intacct control failure: ${summarizeDetails(failure.details) || "no error message"}`,
        httpStatus: failure.status,
        rawResponse: storeRaw(context, failure.body),
        details: failure.details,
        retryable: rule.retryable ?? false,
        retryAfterMs: failure.retryAfterMs,
      };
      if (rule.code === "rate-limited" || failure.status === 429) {
        return build(IntacctRateLimitError, findGuidanceByCode("rate-limited"), { ...init, retryable: true }, guidance);
      }
      // §4: a bad user/company/password can come back as a control-level 401 XMLGW_JPP0002.
      if (
        rule.code === "sign-in-failed" ||
        rule.code === "session-expired" ||
        rule.code === "sender-not-authorized" ||
        failure.status === 401
      ) {
        return build(
          IntacctAuthenticationError,
          rule.code === "unknown" ? findGuidanceByCode("sign-in-failed") : rule,
          init,
          guidance,
        );
      }
      return build(IntacctControlError, rule, init, guidance);
    }
    case "authentication": {
      const rule = findGuidance(failure.details);
      return build(
        IntacctAuthenticationError,
        rule.code === "unknown" ? findGuidanceByCode(failure.usedSession ? "session-expired" : "sign-in-failed") : rule,
        {
          ...base,
          internalMessage: `Intacct authentication failure: ${summarizeDetails(failure.details) || "no error message"}`,
          httpStatus: failure.status,
          rawResponse: storeRaw(context, failure.body),
          details: failure.details,
          retryable: false,
        },
        toGuidanceContext(context, failure.details, failure.status),
      );
    }
    case "function": {
      // §6: the failing function of a transaction carries its own errors plus XL03000009; guide on its own errors.
      const ownDetails = failure.details.filter((detail) => detail.errorNo !== "XL03000009");
      const rule = findGuidance(
        failure.resultStatus === "failure" && ownDetails.length > 0 ? ownDetails : failure.details,
      );
      return new IntacctFunctionError({
        ...base,
        code: rule.code,
        userMessage: rule.userMessage(toGuidanceContext(context, failure.details, failure.status)),
        internalMessage: `Intacct ${failure.functionName} ${failure.resultStatus} for controlid ${failure.functionControlId}: ${summarizeDetails(failure.details) || "no error message"}`,
        httpStatus: failure.status,
        rawResponse: storeRaw(context, failure.body),
        details: failure.details,
        // An aborted function was only rolled back because a sibling failed; on its own it may well succeed.
        retryable: failure.resultStatus === "aborted" || (rule.code !== "rolled-back" && (rule.retryable ?? false)),
        functionControlId: failure.functionControlId,
        functionName: failure.functionName,
        resultStatus: failure.resultStatus,
      });
    }
  }
}
