// One error type for the whole app (documenso's AppError): a code the UI can branch on, a message for people,
// and an internal message for logs only. Anything that is not an AppError reaches the browser as the generic
// "Something went wrong".

export type AppErrorCode =
  "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID_INPUT" | "CONFLICT" | "INVALID_STATE" | "RATE_LIMITED";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly fieldErrors?: FieldErrors;

  constructor(
    code: AppErrorCode,
    userMessage: string,
    options: { internalMessage?: string; fieldErrors?: FieldErrors; cause?: unknown } = {},
  ) {
    super(options.internalMessage ?? userMessage, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.fieldErrors = options.fieldErrors;
  }
}

export const GENERIC_ERROR_MESSAGE = "Something went wrong. Please try again; if it keeps happening, contact support.";

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function notFound(what = "That record"): AppError {
  return new AppError(
    "NOT_FOUND",
    `${what} was not found. It may have been deleted, or it belongs to another company.`,
  );
}

export function invalidState(message: string): AppError {
  return new AppError("INVALID_STATE", message);
}
