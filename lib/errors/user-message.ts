// The one sentence a person sees for a failure that happened out of their sight (a background job, a check, an
// audit detail): the error's own message for people when it carries one, else the caller's fallback. Which errors
// count as carrying one is the caller's to say: lib/errors must not know a provider's error type (lib/sync imports
// it and stays provider-neutral), so a provider passes its own guard, and provider-neutral code a duck-typed one.
import { isAppError } from "./app-error";

/** Recognises an error whose userMessage was written for people (AppError, a provider's typed error). */
export type UserMessageCarrier = (error: unknown) => error is { userMessage: string };

/**
 * The message of the first carrier that recognises the error, else the fallback. Ours (AppError) by default;
 * anything else (a bug, a driver's error) gets the fallback, so internals never reach a person.
 */
export function toUserMessage(
  error: unknown,
  fallback: string,
  carriers: readonly UserMessageCarrier[] = [isAppError],
): string {
  for (const carries of carriers) if (carries(error)) return error.userMessage;
  return fallback;
}

/** Any error with a string userMessage: for code that may not name the provider whose typed error it is. */
export function hasUserMessage(error: unknown): error is { userMessage: string } {
  return typeof (error as { userMessage?: unknown } | null | undefined)?.userMessage === "string";
}
