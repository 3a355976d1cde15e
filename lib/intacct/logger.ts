import type { Redactor } from "./redact";

/**
 * Any pino-compatible logger: `logger.info(obj, msg)`. Only the object-first form is used, so pino, a pino child,
 * or a console adapter all fit.
 */
export type IntacctLogFn = (object: Record<string, unknown>, message?: string) => void;
export type IntacctLogger = { debug: IntacctLogFn; info: IntacctLogFn; warn: IntacctLogFn; error: IntacctLogFn };

const noop: IntacctLogFn = () => {};
export const silentLogger: IntacctLogger = { debug: noop, info: noop, warn: noop, error: noop };

/** Wraps the caller's logger so every object and message is redacted before the logger sees it. */
export function createRedactingLogger(logger: IntacctLogger, redactor: Redactor): IntacctLogger {
  const wrap =
    (level: keyof IntacctLogger): IntacctLogFn =>
    (object, message) => {
      // Call as a method: pino's log functions depend on `this`.
      logger[level](redactor.redactValue(object), message === undefined ? undefined : redactor.redactText(message));
    };
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") };
}
