// Text that looks like something else: refused in every action's input before its schema sees it.
// - Bidirectional formatting controls (U+202E RIGHT-TO-LEFT OVERRIDE and kin) are invisible and reorder what is
//   displayed, so "Acme Corp" can be stored as one name and shown as another ("Trojan Source").
// - A lone UTF-16 surrogate is not a character: PostgreSQL stores it as U+FFFD, so what was saved would quietly
//   differ from what was typed. Browsers can send one (pasted from a broken source, or by a script).

// LRM, RLM, ALM, the embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type FormattedErrors = { _errors: string[] } & { [key: string]: unknown };

function codePoint(match: string): string {
  return `U+${(match.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The message for a text value, or undefined when it is fine. */
export function describeTextProblem(value: string): string | undefined {
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi)
    return `Remove the invisible text-direction character (${codePoint(bidi[0])}): it makes text display differently from what it is.`;
  if (LONE_SURROGATE.test(value))
    return "Contains a broken character (an unpaired UTF-16 surrogate) that cannot be saved. Retype this text.";
  return undefined;
}

/** Every string in the input with a problem, in zod's formatted shape (the one forms read), or undefined. */
export function findTextProblems(input: unknown): FormattedErrors | undefined {
  const root: FormattedErrors = { _errors: [] };
  let found = false;
  const visit = (value: unknown, path: string[]): void => {
    if (typeof value === "string") {
      const message = describeTextProblem(value);
      if (!message) return;
      found = true;
      let node = root;
      for (const segment of path) {
        node[segment] ??= { _errors: [] };
        node = node[segment] as FormattedErrors;
      }
      node._errors.push(message);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  visit(input, []);
  return found ? root : undefined;
}
