// Turns a next-safe-action result into what a form shows: one message and errors per field.
//
// Validation errors arrive in next-safe-action's "formatted" shape: zod's tree with `_errors` at each path
// segment. A field's own errors stay as they are; errors below it (a line of an item) are named by where they
// are, e.g. "Line 2 amount: Enter an amount like 1250.00", so a form can show them beside the lines table.
type FormattedErrors = { _errors?: string[] } & { [key: string]: unknown };
type ServerError = { code?: string; message: string; fieldErrors?: Record<string, string[]> } | undefined;

/** `signedOut`: the session ended while the form was open; the form offers a way back that keeps its input. */
export type FormErrors = { message?: string; fields: Record<string, string[] | undefined>; signedOut?: boolean };

const FIELD_LABELS: Record<string, string> = {
  costCodeId: "cost code",
  contractLineId: "contract line",
  budgetLineId: "budget line",
};

function describeField(key: string): string {
  return (
    FIELD_LABELS[key] ??
    key
      .replace(/Id$/, "")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
  );
}

function describePath(path: string[]): string {
  return path
    .map((segment) => (/^\d+$/.test(segment) ? `Line ${Number(segment) + 1}` : describeField(segment)))
    .join(" ");
}

function isNode(value: unknown): value is FormattedErrors {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function collectNested(node: FormattedErrors, path: string[]): string[] {
  const messages: string[] = [];
  for (const [key, child] of Object.entries(node)) {
    if (key === "_errors" || !isNode(child)) continue;
    const childPath = [...path, key];
    for (const message of child._errors ?? []) messages.push(`${describePath(childPath)}: ${message}`);
    messages.push(...collectNested(child, childPath));
  }
  return messages;
}

function readValidationErrors(errors: FormattedErrors): {
  formErrors: string[];
  fields: Record<string, string[]>;
} {
  const fields: Record<string, string[]> = {};
  for (const [key, node] of Object.entries(errors)) {
    if (key === "_errors" || !isNode(node)) continue;
    const messages = [...(node._errors ?? []), ...collectNested(node, [])];
    if (messages.length > 0) fields[key] = messages;
  }
  return { formErrors: errors._errors ?? [], fields };
}

/** What a panel shows for a refused action: the message, and whether the session ended (see ActionMessage). */
export type ActionError = { message: string; signedOut?: boolean };

/** The server's refusal of an action; undefined when the server did not refuse it. */
export function readServerError(result: { serverError?: ServerError } | undefined): ActionError | undefined {
  if (!result?.serverError) return undefined;
  const { code, message } = result.serverError;
  return { message, ...(code === "UNAUTHENTICATED" ? { signedOut: true } : {}) };
}

export function readActionErrors(
  result: { serverError?: ServerError; validationErrors?: unknown } | undefined,
): FormErrors {
  const refused = readServerError(result);
  if (refused) return { ...refused, fields: result?.serverError?.fieldErrors ?? {} };
  if (isNode(result?.validationErrors)) {
    const { formErrors, fields } = readValidationErrors(result.validationErrors);
    return { message: formErrors[0] ?? "Some fields need attention.", fields };
  }
  return { fields: {} };
}
