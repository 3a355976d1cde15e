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
  processEntities: true,
  htmlEntities: false,
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
  return (node?.[ATTRIBUTES] as Record<string, string> | undefined) ?? {};
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
    if (text !== undefined) return typeof text === "string" ? text : String(text);
  }
  let record: XmlRecord | undefined;
  let text = "";
  for (let index = 0; index < length; index++) {
    const child = children[index] as OrderedNode;
    const value = child[TEXT];
    if (value !== undefined) {
      text += String(value);
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
    if (child[TEXT] !== undefined) continue;
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
