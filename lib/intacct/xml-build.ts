import { XMLBuilder } from "fast-xml-parser";
import { escapeXmlText } from "./xml-values";

/**
 * A function body as fast-xml-parser's builder takes it: element name → text | child node | repeated children.
 * Keys beginning with "@_" are attributes. Insertion order is element order — legacy functions and the
 * control block are XSD sequences (§2, §9), so builders must insert keys in schema order.
 */
// Lists hold elements, not lists: a repeated element is one level of array (XMLBuilder would write a nested one
// as elements named 0, 1, …).
export type XmlValue = string | XmlNode | readonly XmlItem[] | undefined;
export type XmlItem = string | XmlNode | undefined;

// Array.isArray does not narrow readonly arrays.
const isList = (value: XmlNode | readonly XmlItem[]): value is readonly XmlItem[] => Array.isArray(value);
export type XmlNode = { [name: string]: XmlValue };

const ATTRIBUTE_PREFIX = "@_";
const AT_SIGN = 64;
// XMLBuilder's special keys ("#text", "?xml"): a body never needs them, and written as elements they are not XML.
const HASH = 35;
const QUESTION_MARK = 63;

// One builder per process: XMLBuilder is stateless between build() calls. It writes the envelope (control,
// operation, authentication); the functions inside <content> come from writeFunctions() below.
const builder = new XMLBuilder({
  // Callbacks get no path string: building one per element costs more than the rest of the serialisation.
  jPath: false,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  suppressEmptyNode: true,
  // The default renders transaction="true" as a bare attribute, which is not XML.
  suppressBooleanAttributes: false,
  // We escape ourselves so that every value (text AND attribute) also passes the control-character check and a
  // hostile value can never open markup; the builder's own entity pass would run five regexes per value.
  processEntities: false,
  tagValueProcessor: (name: string, value: unknown) => escapeXmlText(name, String(value)),
  attributeValueProcessor: (name: string, value: unknown) => escapeXmlText(name, String(value)),
  // <content> arrives already written (writeFunctions), so the builder inserts it as it is.
  stopNodes: ["request.operation.content"],
} as ConstructorParameters<typeof XMLBuilder>[0]);

function buildXml(node: XmlNode): string {
  return builder.build(node) as string;
}

/*
 * The functions are most of a request (100 × ~25 elements), and for them XMLBuilder's generic per-element work
 * (path matcher, stop-node and attribute checks, callbacks) cost more than zod and the XML text together: with
 * it, build + parse stayed at 0.56× the SDK's CPU against the ≤ 0.5× target. Their trees are simple (elements,
 * text, lists, and attributes only where a builder sets "@_name"), so they are written here in one pass that
 * escapes as it goes. Tests hold this writer to XMLBuilder's own output (its entity escaping and empty-node
 * rules) for every typed function and for hostile values, so it cannot drift from what the library would write.
 */

function writeValue(name: string, value: XmlValue): string {
  if (typeof value === "string")
    return value === "" ? `<${name}/>` : `<${name}>${escapeXmlText(name, value)}</${name}>`;
  if (value === undefined) return "";
  if (!isList(value)) return writeElement(name, value);
  let xml = "";
  for (let index = 0; index < value.length; index++) xml += writeValue(name, value[index]);
  return xml;
}

function writeElement(name: string, node: XmlNode, attributes = ""): string {
  let children = "";
  for (const key in node) {
    const value = node[key];
    if (value === undefined) continue;
    // "@" never starts an element name, so one character code decides before the prefix check.
    const first = key.charCodeAt(0);
    if (first === AT_SIGN && key.startsWith(ATTRIBUTE_PREFIX))
      attributes += writeAttribute(key.slice(ATTRIBUTE_PREFIX.length), value);
    else if (first === HASH || first === QUESTION_MARK)
      throw new Error(`"${key}" is not an element name: function bodies hold elements, text and "@_" attributes only`);
    else children += writeValue(key, value);
  }
  return children === "" ? `<${name}${attributes}/>` : `<${name}${attributes}>${children}</${name}>`;
}

const writeAttribute = (name: string, value: Exclude<XmlValue, undefined>): string =>
  ` ${name}="${escapeXmlText(name, typeof value === "string" ? value : String(value))}"`;

/** `<function controlid="…">body</function>` for each function, in order, every value escaped. */
export function writeFunctions(functions: readonly EnvelopeFunction[]): string {
  let xml = "";
  for (const fn of functions) xml += writeElement("function", fn.body, writeAttribute("controlid", fn.controlId));
  return xml;
}

export type LoginAuthentication = { userId: string; companyId: string; password: string; locationId?: string };
export type RequestAuthentication = { sessionId: string } | { login: LoginAuthentication };

export type EnvelopeFunction = { controlId: string; body: XmlNode };

export type EnvelopeInput = {
  senderId: string;
  senderPassword: string;
  controlId: string;
  uniqueId: boolean;
  transaction: boolean;
  authentication: RequestAuthentication;
  functions: readonly EnvelopeFunction[];
};

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export function buildRequestXml(input: EnvelopeInput): string {
  const authentication: XmlNode =
    "sessionId" in input.authentication
      ? { sessionid: input.authentication.sessionId }
      : {
          // §2: login child order userid, companyid, password, clientid?, locationid?
          login: {
            userid: input.authentication.login.userId,
            companyid: input.authentication.login.companyId,
            password: input.authentication.login.password,
            locationid: input.authentication.login.locationId,
          },
        };
  const request: XmlNode = {
    request: {
      // §2: control child order senderid, password, controlid, uniqueid, dtdversion, includewhitespace.
      control: {
        senderid: input.senderId,
        password: input.senderPassword,
        controlid: input.controlId,
        uniqueid: input.uniqueId ? "true" : "false",
        dtdversion: "3.0",
        includewhitespace: "false",
      },
      operation: {
        "@_transaction": input.transaction ? "true" : "false",
        authentication,
        content: writeFunctions(input.functions),
      },
    },
  };
  return XML_DECLARATION + buildXml(request);
}
