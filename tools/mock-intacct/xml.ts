// XML in and out for the mock gateway. Requests are parsed into an ordered element tree because Intacct's legacy
// functions are validated as XSD sequences (docs/intacct/gateway.md §2, §9): element order is part of the contract.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export type XmlNode = {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
};

export type XmlParseFailure = { message: string; line: number; col: number };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // No callback needs a path string; building one per element is a large share of parsing a 100-function request.
  jPath: false,
} as ConstructorParameters<typeof XMLParser>[0]);

type RawNode = Record<string, unknown>;

// One pass over fast-xml-parser's ordered output, filling each XmlNode directly (no intermediate
// { children, text } object per element: a 100-invoice request has ~3,000 elements).
function convertInto(parent: XmlNode, raw: unknown): void {
  if (!Array.isArray(raw)) return;
  for (const item of raw as RawNode[]) {
    for (const key in item) {
      if (key === ":@") continue;
      if (key === "#text") {
        parent.text += String(item[key] ?? "");
        continue;
      }
      if (key.startsWith("?") || key === "#comment") continue;
      const attrs: Record<string, string> = {};
      const rawAttrs = item[":@"] as Record<string, unknown> | undefined;
      if (rawAttrs) for (const k in rawAttrs) attrs[k] = String(rawAttrs[k]);
      const node: XmlNode = { name: key, attrs, children: [], text: "" };
      convertInto(node, item[key]);
      parent.children.push(node);
    }
  }
}

function convertNodes(raw: unknown): { children: XmlNode[]; text: string } {
  const document: XmlNode = { name: "", attrs: {}, children: [], text: "" };
  convertInto(document, raw);
  return { children: document.children, text: document.text };
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const SPACE = /[ \t\r\n]*/y;
const ATTRIBUTE = /([A-Za-z_][A-Za-z0-9_.-]*)[ \t\r\n]*=[ \t\r\n]*(?:"([^"<&]*)"|'([^'<&]*)')/y;
const PREDEFINED: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };

/** A character reference fast-xml-parser decodes the same way: a character XML can carry, not a control one. */
function decodeCharacterReference(entity: string): string | undefined {
  const match = /^&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));$/.exec(entity);
  if (!match) return undefined;
  const code = match[1] !== undefined ? parseInt(match[1], 16) : parseInt(match[2] ?? "", 10);
  const plain =
    code >= 0x20 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) && code !== 0xfffe && code !== 0xffff;
  return plain ? String.fromCodePoint(code) : undefined;
}

/**
 * Text as fast-xml-parser hands it over (trimmed, then the five predefined entities and character references such
 * as &#039; decoded); undefined = anything else, left to the slow path.
 */
function decodeText(raw: string): string | undefined {
  const text = raw.trim();
  if (text.indexOf("&") === -1) return text;
  let unknown = false;
  const decoded = text.replace(/&[^;]*;?/g, (entity) => {
    const char = PREDEFINED[entity] ?? decodeCharacterReference(entity);
    if (char === undefined) unknown = true;
    return char ?? entity;
  });
  return unknown ? undefined : decoded;
}

/**
 * One pass over the plain documents clients send: elements, attributes, text, the five predefined entities and an
 * XML declaration at the very start. Anything else (comments, CDATA, DOCTYPE, other entities, namespaces, any
 * irregularity at all) returns undefined and the document goes through XMLValidator + XMLParser, which also
 * phrase the parse errors; so results are the same either way, only a 100-function request parses 3–4× faster.
 */
export function parsePlainXml(body: string): XmlNode | undefined {
  let index = 0;
  if (body.startsWith("<?xml")) {
    const end = body.indexOf("?>");
    if (end === -1 || body.lastIndexOf("<", end) !== 0) return undefined;
    index = end + 2;
  }
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  const length = body.length;
  while (index < length) {
    const open = body.indexOf("<", index);
    const textEnd = open === -1 ? length : open;
    if (textEnd > index) {
      const current = stack[stack.length - 1];
      const text = decodeText(body.slice(index, textEnd));
      if (text === undefined || (!current && text !== "")) return undefined;
      if (current) current.text += text;
    }
    if (open === -1) break;
    index = open + 1;
    const next = body.charCodeAt(index);
    if (next === 47 /* / */) {
      NAME.lastIndex = index + 1;
      const name = NAME.exec(body)?.[0];
      const current = stack.pop();
      if (!name || !current || current.name !== name) return undefined;
      SPACE.lastIndex = NAME.lastIndex;
      SPACE.exec(body);
      if (body.charCodeAt(SPACE.lastIndex) !== 62 /* > */) return undefined;
      index = SPACE.lastIndex + 1;
      continue;
    }
    NAME.lastIndex = index;
    const name = NAME.exec(body)?.[0];
    // A second top-level element is an error the slow path words.
    if (!name || (root && stack.length === 0)) return undefined;
    let position = NAME.lastIndex;
    const node: XmlNode = { name, attrs: {}, children: [], text: "" };
    for (;;) {
      SPACE.lastIndex = position;
      SPACE.exec(body);
      const spaced = SPACE.lastIndex > position;
      position = SPACE.lastIndex;
      const char = body.charCodeAt(position);
      if (char === 62 /* > */ || char === 47 /* / */) break;
      ATTRIBUTE.lastIndex = position;
      const attribute = spaced ? ATTRIBUTE.exec(body) : null;
      if (!attribute) return undefined;
      const [, attributeName = "", double, single] = attribute;
      const value = decodeText(double ?? single ?? "");
      if (value === undefined || attributeName in node.attrs) return undefined;
      node.attrs[attributeName] = value;
      position = ATTRIBUTE.lastIndex;
    }
    const parent = stack[stack.length - 1];
    if (body.charCodeAt(position) === 47) {
      if (body.charCodeAt(position + 1) !== 62) return undefined;
      index = position + 2;
      if (parent) parent.children.push(node);
      else root = node;
      continue;
    }
    index = position + 1;
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  }
  return stack.length === 0 ? root : undefined;
}

/** Parses a request body; returns the root element or the parser's complaint (for XL03000003). */
export function parseXml(body: string): { root: XmlNode } | { error: XmlParseFailure } {
  if (body.trim() === "") return { error: { message: "Document is empty", line: 1, col: 1 } };
  const plain = parsePlainXml(body);
  if (plain) return { root: plain };
  return parseXmlWithValidator(body);
}

/** The general path (also the reference the plain fast path must agree with). */
export function parseXmlWithValidator(body: string): { root: XmlNode } | { error: XmlParseFailure } {
  if (body.trim() === "") return { error: { message: "Document is empty", line: 1, col: 1 } };
  const verdict = XMLValidator.validate(body);
  if (verdict !== true) {
    return { error: { message: verdict.err.msg, line: verdict.err.line, col: verdict.err.col } };
  }
  const converted = convertNodes(parser.parse(body));
  if (converted.children.length !== 1) {
    return { error: { message: "Extra content at the end of the document", line: 1, col: 1 } };
  }
  const root = converted.children[0];
  if (!root) return { error: { message: "Document is empty", line: 1, col: 1 } };
  return { root };
}

// Plain loops, not find/filter with an arrow: these run thousands of times per 100-function request, and under
// tsx (which keeps function names) every arrow created costs an Object.defineProperty as well as the closure.
export function findChild(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const child of node.children) if (child.name === name) return child;
  return undefined;
}

export function findChildren(node: XmlNode | undefined, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  if (node) for (const child of node.children) if (child.name === name) found.push(child);
  return found;
}

/** Text of a child element, or undefined when the element is absent (an empty element gives ""). */
export function readChildText(node: XmlNode | undefined, name: string): string | undefined {
  const child = findChild(node, name);
  return child ? child.text : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Output

export type XmlOut = {
  name: string;
  attrs?: Record<string, string | number>;
  children?: XmlOut[];
  text?: string;
};

export function el(
  name: string,
  content?: string | number | XmlOut[] | null,
  attrs?: Record<string, string | number>,
): XmlOut {
  if (Array.isArray(content)) return { name, attrs, children: content };
  return { name, attrs, text: content == null ? "" : String(content) };
}

// Intacct writes an apostrophe as the numeric reference &#039; (docs/intacct/gateway.md §3: Sage's error samples, SDK-PHP's
// tests), so clients that read the mock meet it everywhere they would meet it in Intacct's replies.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;" };

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(value: string): string {
  // Most values (ids, dates, amounts) need nothing: one test instead of a replace with a callback.
  return NEEDS_ESCAPE.test(value) ? value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : value;
}

function renderAttrs(attrs: XmlOut["attrs"]): string {
  if (!attrs) return "";
  let out = "";
  for (const [k, v] of Object.entries(attrs)) out += ` ${k}="${escapeXml(String(v))}"`;
  return out;
}

const INDENTS: string[] = [];
const indentOf = (depth: number) => (INDENTS[depth] ??= "\n" + "  ".repeat(depth));

function renderNode(node: XmlOut, pretty: boolean, depth: number, parts: string[]): void {
  const indent = pretty ? indentOf(depth) : "";
  const open = `<${node.name}${renderAttrs(node.attrs)}`;
  if (node.children) {
    if (node.children.length === 0) {
      parts.push(`${indent}${open}/>`);
      return;
    }
    parts.push(`${indent}${open}>`);
    for (const child of node.children) renderNode(child, pretty, depth + 1, parts);
    parts.push(`${indent}</${node.name}>`);
    return;
  }
  // An empty field is written <x></x>, as Intacct's replies often do (docs/intacct/gateway.md §3); <x/> is kept for elements that are
  // empty containers (no children given), e.g. <data … count="0"/>.
  const text = node.text ?? "";
  parts.push(`${indent}${open}>${text === "" ? "" : escapeXml(text)}</${node.name}>`);
}

/** Serialises a document; `pretty` follows the request's includewhitespace (docs/intacct/gateway.md §2: default true). */
export function renderXml(root: XmlOut, pretty: boolean): string {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  renderNode(root, pretty, 0, parts);
  if (pretty) parts.push("\n");
  return parts.join("");
}
