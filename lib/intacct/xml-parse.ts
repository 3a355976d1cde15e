import { XMLParser } from "fast-xml-parser";
import type { IntacctErrorDetail } from "./errors";

/** A record as Intacct sends it: UPPERCASE field → string ("" for an empty element) or nested elements. */
export type XmlRecordValue = string | XmlRecord | XmlRecordValue[];
export type XmlRecord = { [field: string]: XmlRecordValue };

export type ResultData = {
  listType: string | undefined;
  count: number | undefined;
  totalCount: number | undefined;
  numRemaining: number | undefined;
  resultId: string | undefined;
  offset: number | undefined;
  /** Children of <data>, whatever their wrapper: lowercase (readByQuery, create) or UPPERCASE (query) — §3. */
  records: XmlRecord[];
};

export type ParsedResult = {
  status: string;
  functionName: string;
  controlId: string;
  /** Legacy create_* reply (§3), e.g. the DOCID of a purchasing transaction. */
  key: string | undefined;
  data: ResultData | undefined;
  errors: IntacctErrorDetail[];
};

export type ParsedAuthentication = {
  status: string;
  userId: string;
  companyId: string;
  locationId: string;
  sessionTimestamp: string;
  sessionTimeout: string;
};

export type ParsedResponse = {
  controlStatus: string;
  controlId: string;
  /** Top-level <errormessage>: a control failure (§3). */
  controlErrors: IntacctErrorDetail[];
  authentication: ParsedAuthentication | undefined;
  /** <operation><errormessage>: an authentication failure (§3). */
  authenticationErrors: IntacctErrorDetail[];
  results: ParsedResult[];
  /** policyid/async reply (§2) — we never send policyid, so this is only detected, not handled. */
  acknowledged: boolean;
};

const CDATA = "#cdata";

const PREDEFINED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ENTITY_REFERENCE = /&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);/g;

/** Can XML 1.0 carry this code point (its Char production)? A reference to anything else is left as written. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Decodes the five predefined entities and numeric character references (&#NNN; and &#xHH;) in one pass, so a
 * decoded "&" never starts another reference ("&amp;#039;" is the text "&#039;"). Unknown entities and references
 * to characters XML cannot carry (&#0;) stay as written: nothing is lost, nothing is invented.
 */
export function decodeXmlText(text: string): string {
  if (text.indexOf("&") === -1) return text;
  return text.replace(ENTITY_REFERENCE, (reference, name: string) => {
    if (name.charCodeAt(0) !== 35 /* # */) return PREDEFINED_ENTITIES[name] ?? reference;
    const code = name.charCodeAt(1) === 120 /* x */ ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return isXmlChar(code) ? String.fromCodePoint(code) : reference;
  });
}

// preserveOrder hands back the tokenised tree without fast-xml-parser's generic "compress" pass (node2json) and
// jPath: false skips building a path string per element; we convert the tree ourselves, which also settles
// single-vs-list once, in one place: records are always lists, fields repeat only if Intacct repeats them.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // §3 / issue: numbers stay strings (RECORDNO "0012", amounts) unless a typed mapper converts them.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities are decoded by decodeXmlText below, once, after parsing: the five predefined ones and numeric
  // character references (Intacct writes an apostrophe as &#039;, §3). The parser itself expands nothing, so an
  // entity declared in a DOCTYPE is never expanded, and decoded text is never parsed again: "&amp;lt;b&amp;gt;"
  // stays the literal text "&lt;b&gt;", and "&#60;b&#62;" the text "<b>", never an element.
  processEntities: false,
  htmlEntities: false,
  // CDATA is literal text: kept apart so that it is not entity-decoded.
  cdataPropName: CDATA,
  jPath: false,
} as ConstructorParameters<typeof XMLParser>[0]);

const CLOSING_RESPONSE = /<\/response\s*>\s*$/;

export class NotIntacctXmlError extends Error {}

/** An element of the ordered tree: { [tag]: children, ":@"?: attributes } or a text node { "#text": … }. */
type OrderedNode = Record<string, unknown>;
const ATTRIBUTES = ":@";
const TEXT = "#text";

function tagOf(node: OrderedNode): string {
  for (const key in node) if (key !== ATTRIBUTES) return key;
  return "";
}

function childrenOf(node: OrderedNode | undefined): OrderedNode[] {
  if (!node) return [];
  const children = node[tagOf(node)];
  return Array.isArray(children) ? (children as OrderedNode[]) : [];
}

function attributesOf(node: OrderedNode | undefined): Record<string, string> {
  const raw = node?.[ATTRIBUTES] as Record<string, string> | undefined;
  if (!raw) return {};
  const decoded: Record<string, string> = {};
  for (const name in raw) decoded[name] = decodeXmlText(String(raw[name]));
  return decoded;
}

function findChild(node: OrderedNode | undefined, tag: string): OrderedNode | undefined {
  for (const child of childrenOf(node)) if (tag in child) return child;
  return undefined;
}

/** Text content of an element; "" for an empty element or one holding only child elements. */
function textOf(node: OrderedNode | undefined): string {
  let text = "";
  for (const child of childrenOf(node)) {
    const value = child[TEXT];
    if (value !== undefined) text += decodeXmlText(String(value));
    else if (CDATA in child) text += cdataOf(child);
  }
  return text;
}

/** A CDATA section's text, verbatim (fast-xml-parser holds it as { "#cdata": [{ "#text": … }] }). */
function cdataOf(node: OrderedNode): string {
  let text = "";
  for (const part of (node[CDATA] as OrderedNode[] | undefined) ?? []) {
    const value = part[TEXT];
    if (value !== undefined) text += String(value);
  }
  return text;
}

const childText = (node: OrderedNode | undefined, tag: string): string => textOf(findChild(node, tag));

/** A leaf becomes its text; an element with children becomes a record; a repeated field becomes a list. */
function toValue(children: OrderedNode[]): XmlRecordValue {
  const length = children.length;
  // Fast paths: most fields are <F/> or <F>text</F>.
  if (length === 0) return "";
  if (length === 1) {
    const text = (children[0] as OrderedNode)[TEXT];
    if (text !== undefined) return decodeXmlText(typeof text === "string" ? text : String(text));
  }
  let record: XmlRecord | undefined;
  let text = "";
  for (let index = 0; index < length; index++) {
    const child = children[index] as OrderedNode;
    const value = child[TEXT];
    if (value !== undefined) {
      text += decodeXmlText(String(value));
      continue;
    }
    if (CDATA in child) {
      text += cdataOf(child);
      continue;
    }
    const tag = tagOf(child);
    const converted = toValue(child[tag] as OrderedNode[]);
    record ??= {};
    const existing = record[tag];
    if (existing === undefined) record[tag] = converted;
    else if (Array.isArray(existing)) existing.push(converted);
    else record[tag] = [existing, converted];
  }
  return record ?? text;
}

const asNumber = (value: string | undefined): number | undefined => {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
};

function parseErrors(errormessage: OrderedNode | undefined): IntacctErrorDetail[] {
  const errors: IntacctErrorDetail[] = [];
  for (const error of childrenOf(errormessage)) {
    if (!("error" in error)) continue;
    errors.push({
      errorNo: childText(error, "errorno"),
      description: childText(error, "description"),
      description2: childText(error, "description2"),
      correction: childText(error, "correction"),
    });
  }
  return errors;
}

function parseData(data: OrderedNode | undefined): ResultData | undefined {
  if (!data) return undefined;
  const attributes = attributesOf(data);
  const records: XmlRecord[] = [];
  for (const child of childrenOf(data)) {
    if (child[TEXT] !== undefined || CDATA in child) continue;
    const value = toValue(child[tagOf(child)] as OrderedNode[]);
    // An empty wrapper (<vendor/>) is an empty record, so counts line up.
    records.push(typeof value === "string" ? {} : (value as XmlRecord));
  }
  return {
    listType: attributes.listtype,
    count: asNumber(attributes.count),
    totalCount: asNumber(attributes.totalcount),
    numRemaining: asNumber(attributes.numremaining),
    resultId: attributes.resultId ?? attributes.resultid,
    offset: asNumber(attributes.offset),
    records,
  };
}

function parseResult(result: OrderedNode): ParsedResult {
  let status = "";
  let functionName = "";
  let controlId = "";
  let key: string | undefined;
  let data: OrderedNode | undefined;
  let errormessage: OrderedNode | undefined;
  for (const child of childrenOf(result)) {
    if ("status" in child) status = textOf(child);
    else if ("function" in child) functionName = textOf(child);
    else if ("controlid" in child) controlId = textOf(child);
    else if ("key" in child) key = textOf(child);
    else if ("data" in child) data = child;
    else if ("errormessage" in child) errormessage = child;
  }
  return { status, functionName, controlId, key, data: parseData(data), errors: parseErrors(errormessage) };
}

/**
 * Parses an Intacct response. Throws NotIntacctXmlError for anything that is not one (an HTML error page, JSON,
 * a truncated body): the caller turns that into a typed transport error — a parser crash never escapes.
 */
export function parseResponseXml(xml: string): ParsedResponse {
  // The parser is lenient about unclosed elements, so a body cut off mid-stream would parse "successfully" with
  // results missing. A complete Intacct reply always ends with </response>; checking the tail is O(1).
  if (!CLOSING_RESPONSE.test(xml.slice(-64)))
    throw new NotIntacctXmlError("Body does not end with </response> (not Intacct XML, or truncated)");
  let document: OrderedNode[];
  try {
    document = parser.parse(xml) as OrderedNode[];
  } catch (error) {
    throw new NotIntacctXmlError(`Unparseable body: ${(error as Error).message}`);
  }
  const response = document.find((node) => "response" in node);
  const control = findChild(response, "control");
  const controlStatus = childText(control, "status");
  if (!response || !control || (controlStatus !== "success" && controlStatus !== "failure")) {
    throw new NotIntacctXmlError("Body is not an Intacct <response> with a <control> status");
  }
  const operation = findChild(response, "operation");
  const authenticationNode = findChild(operation, "authentication");
  const results: ParsedResult[] = [];
  for (const child of childrenOf(operation)) if ("result" in child) results.push(parseResult(child));
  return {
    controlStatus,
    controlId: childText(control, "controlid"),
    controlErrors: parseErrors(findChild(response, "errormessage")),
    authentication: authenticationNode
      ? {
          status: childText(authenticationNode, "status"),
          userId: childText(authenticationNode, "userid"),
          companyId: childText(authenticationNode, "companyid"),
          locationId: childText(authenticationNode, "locationid"),
          sessionTimestamp: childText(authenticationNode, "sessiontimestamp"),
          sessionTimeout: childText(authenticationNode, "sessiontimeout"),
        }
      : undefined,
    authenticationErrors: parseErrors(findChild(operation, "errormessage")),
    results,
    acknowledged: findChild(response, "acknowledgement") !== undefined,
  };
}

/** Reads a field of a record as text; nested or missing values read as "". */
export function readField(record: XmlRecord, field: string): string {
  const value = record[field];
  return typeof value === "string" ? value : "";
}

/** Reads an optional field: undefined when absent or empty. */
export function readOptionalField(record: XmlRecord, field: string): string | undefined {
  const value = record[field];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Nested lists (PODOCUMENT entries) come back as one object or an array depending on count — normalise. */
export function readList(value: XmlRecordValue | undefined): XmlRecord[] {
  if (value === undefined || typeof value === "string") return [];
  if (Array.isArray(value))
    return value.filter((item): item is XmlRecord => typeof item === "object" && !Array.isArray(item));
  return [value];
}
