// Checks a server-action request before Next's own handler reads it. Next answers a body it cannot decode, one
// over its size limit, and a post from another site with a bare 500 and logs only to stderr; the browser then
// rejects the action's promise and the form says nothing. Here each gets its own status (413, 400, 403) and a
// body in the shape of an action result, so the form that sent it shows the message like any other refusal.

/** Next's own default (serverActions.bodySizeLimit): bodies past it never reach an action. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

export type ActionRefusal = {
  status: 400 | 403 | 413;
  reason: "foreign-origin" | "too-large" | "unreadable";
  message: string;
  fieldErrors?: Record<string, string[]>;
};

type ActionRequest = { method: string; headers: Headers; body: () => Promise<ArrayBuffer> };

const UNREADABLE: ActionRefusal = {
  status: 400,
  reason: "unreadable",
  message: "The request could not be read. Reload the page and try again.",
};

export function isActionRequest(method: string, headers: Headers): boolean {
  return method === "POST" && headers.has("next-action");
}

/** The same comparison Next makes (origin host against X-Forwarded-Host, else Host). No Origin: not a browser. */
function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return !host || origin === "null" || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The field holding the longest text, so the form can put the message beside it. */
function findLongestField(args: unknown): { field: string; length: number } | undefined {
  const first = Array.isArray(args) ? (args[0] as unknown) : undefined;
  if (typeof first !== "object" || first === null) return undefined;
  let longest: { field: string; length: number } | undefined;
  const visit = (value: unknown, field: string): void => {
    if (typeof value === "string") {
      if (!longest || value.length > longest.length) longest = { field, length: value.length };
    } else if (typeof value === "object" && value !== null) {
      for (const child of Object.values(value)) visit(child, field);
    }
  };
  for (const [key, value] of Object.entries(first)) visit(value, key);
  return longest;
}

function tooLarge(bytes: number, args?: unknown): ActionRefusal {
  const longest = args === undefined ? undefined : findLongestField(args);
  const limit = formatSize(ACTION_BODY_LIMIT_BYTES);
  return {
    status: 413,
    reason: "too-large",
    message: `This is too large to save (${formatSize(bytes)}; the limit is ${limit}). Shorten the longest text and try again.`,
    ...(longest && longest.length > 1000
      ? {
          fieldErrors: {
            [longest.field]: [
              `This text is far too long to save (${longest.length.toLocaleString("en-US")} characters). Shorten it.`,
            ],
          },
        }
      : {}),
  };
}

// React encodes an action's arguments as one JSON array (a plain body), or as form parts whose part "0" is
// that array (multipart). Anything else fails inside React's decoder.
function parseArguments(text: string): unknown {
  const args: unknown = JSON.parse(text);
  if (!Array.isArray(args)) throw new Error("the arguments are not an array");
  return args;
}

async function readMultipartRoot(buffer: ArrayBuffer, contentType: string): Promise<string> {
  const form = await new Response(buffer, { headers: { "content-type": contentType } }).formData();
  const root = form.get("0");
  if (typeof root !== "string") throw new Error("no root part");
  return root;
}

/** Why the request cannot go on to the action, or undefined when it can. */
export async function checkActionRequest(request: ActionRequest): Promise<ActionRefusal | undefined> {
  if (!isActionRequest(request.method, request.headers)) return undefined;
  if (isForeignOrigin(request.headers)) {
    return {
      status: 403,
      reason: "foreign-origin",
      message: "This request came from another site and was refused. Open the app itself and try again.",
    };
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > 10 * ACTION_BODY_LIMIT_BYTES) return tooLarge(declared);
  let buffer: ArrayBuffer;
  try {
    buffer = await request.body();
  } catch {
    return UNREADABLE;
  }
  const contentType = request.headers.get("content-type") ?? "";
  let text: string;
  try {
    text = /^multipart\/form-data/i.test(contentType)
      ? await readMultipartRoot(buffer, contentType)
      : new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    return buffer.byteLength > ACTION_BODY_LIMIT_BYTES ? tooLarge(buffer.byteLength) : UNREADABLE;
  }
  let args: unknown;
  try {
    args = parseArguments(text);
  } catch {
    return buffer.byteLength > ACTION_BODY_LIMIT_BYTES ? tooLarge(buffer.byteLength) : UNREADABLE;
  }
  if (buffer.byteLength > ACTION_BODY_LIMIT_BYTES) return tooLarge(buffer.byteLength, args);
  return undefined;
}

/**
 * The refusal as an action's result in React's wire format (one JSON row; the client reads its "a" as the
 * action's return value). Strings beginning with "$" are references in that format; ours are escaped as "$$".
 */
export function actionRefusalBody(refusal: ActionRefusal): string {
  const result = {
    serverError: {
      code: refusal.status === 403 ? "FORBIDDEN" : "INVALID_INPUT",
      message: refusal.message,
      ...(refusal.fieldErrors ? { fieldErrors: refusal.fieldErrors } : {}),
    },
  };
  const escaped = JSON.stringify({ a: result }, (_key, value: unknown) =>
    typeof value === "string" && value.startsWith("$") ? `$${value}` : value,
  );
  return `0:${escaped}\n`;
}
