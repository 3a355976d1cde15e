import { XMLBuilder } from "fast-xml-parser";
import { escapeXmlText } from "./xml-values";

/**
 * A function body as fast-xml-parser's builder takes it: element name → text | child node | repeated children.
 * Keys beginning with "@_" are attributes. Insertion order is element order — legacy functions and the
 * control block are XSD sequences (§2, §9), so builders must insert keys in schema order.
 */
export type XmlValue = string | XmlNode | XmlValue[] | undefined;
export type XmlNode = { [name: string]: XmlValue };

// One builder per process: XMLBuilder is stateless between build() calls.
const builder = new XMLBuilder({
  // Callbacks get no path string: building one per element costs more than the rest of the serialisation.
  jPath: false,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: true,
  // The default renders transaction="true" as a bare attribute, which is not XML.
  suppressBooleanAttributes: false,
  // We escape ourselves so that every value (text AND attribute) also passes the control-character check and a
  // hostile value can never open markup; the builder's own entity pass would run five regexes per value.
  processEntities: false,
  tagValueProcessor: (name: string, value: unknown) => escapeXmlText(name, String(value)),
  attributeValueProcessor: (name: string, value: unknown) => escapeXmlText(name, String(value)),
  // The functions are most of a request (100 × ~25 elements). For them the builder's per-element work (path
  // matcher push/pop, stop-node check, two callbacks, closing-tag lookup) costs more than the XML itself, so
  // <content> is a stop node: the builder writes it as raw content, and escapeTree() has already escaped every
  // value in one pass (same escaping, same control-character errors naming the element).
  stopNodes: ["request.operation.content"],
} as ConstructorParameters<typeof XMLBuilder>[0]);

export function buildXml(node: XmlNode): string {
  return builder.build(node) as string;
}

// Raw content writes "" as <x></x>; an empty object becomes <x/>, which is what the builder writes elsewhere.
const EMPTY_ELEMENT: XmlNode = Object.freeze({}) as XmlNode;
const ATTRIBUTE_PREFIX = "@_";

function escapeValue(name: string, value: XmlValue): XmlValue {
  if (typeof value === "string") return value === "" ? EMPTY_ELEMENT : escapeXmlText(name, value);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return escapeTree(value);
  let items: XmlValue[] | undefined;
  for (let index = 0; index < value.length; index++) {
    const item = value[index];
    const escaped = item === undefined ? undefined : escapeValue(name, item);
    if (items === undefined) {
      if (escaped === item && item !== undefined) continue;
      items = value.slice(0, index);
    }
    if (escaped !== undefined) items.push(escaped);
  }
  return items ?? value;
}

/**
 * The subtree as raw building needs it: every text and attribute value escaped (control characters rejected,
 * naming the element), undefined elements dropped. Copy-on-change: a node whose values need nothing is returned
 * as is, so a typical function costs one regex test per value and no allocation.
 */
function escapeTree(node: XmlNode): XmlNode {
  let copy: XmlNode | undefined;
  for (const key in node) {
    const value = node[key];
    let escaped: XmlValue;
    if (value === undefined) escaped = undefined;
    else if (key.startsWith(ATTRIBUTE_PREFIX)) escaped = escapeXmlText(key.slice(ATTRIBUTE_PREFIX.length), typeof value === "string" ? value : String(value));
    else escaped = escapeValue(key, value);
    if (copy === undefined) {
      if (escaped === value && value !== undefined) continue;
      // Every key before this one was defined and unchanged.
      copy = {};
      for (const previous in node) {
        if (previous === key) break;
        copy[previous] = node[previous];
      }
    }
    if (escaped !== undefined) copy[key] = escaped;
  }
  return copy ?? node;
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
        content: { function: input.functions.map((fn) => escapeTree({ "@_controlid": fn.controlId, ...fn.body })) },
      },
    },
  };
  return XML_DECLARATION + buildXml(request);
}
