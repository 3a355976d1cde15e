// A request that carries several items' functions (a batch of writes, their read-backs) is filed in each item's
// sync history as that item's share only: its own <function> and its own <result>, not the whole request again.
import { READ_BACK_SUFFIX } from "./sync-adapter";

export type ExchangePart = { controlId: string; request: string; response: string | null };

const FUNCTION = /<function controlid="([^"]*)">[\s\S]*?<\/function>/g;
const RESULT = /<result>[\s\S]*?<\/result>/g;
const RESULT_CONTROL_ID = /<controlid>([^<]*)<\/controlid>/;

/** The item a function belongs to: a write's controlid, or the write a read-back confirms. */
const itemOf = (controlId: string) =>
  controlId.endsWith(READ_BACK_SUFFIX) ? controlId.slice(0, -READ_BACK_SUFFIX.length) : controlId;

/** Each function of a request with its result; none when the request carries fewer than two functions. */
export function splitExchange(requestXml: string, responseXml: string | null): ExchangePart[] {
  const functions = [...requestXml.matchAll(FUNCTION)];
  if (functions.length < 2) return [];
  const results = new Map<string, string>();
  for (const [result] of responseXml?.matchAll(RESULT) ?? []) {
    const controlId = RESULT_CONTROL_ID.exec(result)?.[1];
    if (controlId) results.set(controlId, result);
  }
  const note = `<!-- one of ${functions.length} functions in one request -->\n`;
  return functions.map(([fn, controlId = ""]) => ({
    controlId: itemOf(controlId),
    request: note + fn,
    response: responseXml === null ? null : (results.get(controlId) ?? ""),
  }));
}
