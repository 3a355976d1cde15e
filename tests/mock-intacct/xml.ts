// XML in and out for the mock gateway. Requests are parsed into an ordered element tree because Intacct's legacy
// functions are validated as XSD sequences (reference §2, §9): element order is part of the contract.
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
});

type RawNode = Record<string, unknown>;

function convertNodes(raw: unknown): { children: XmlNode[]; text: string } {
  const children: XmlNode[] = [];
  let text = "";
  if (!Array.isArray(raw)) return { children, text };
  for (const item of raw as RawNode[]) {
    for (const key of Object.keys(item)) {
      if (key === ":@") continue;
      if (key === "#text") {
        text += String(item[key] ?? "");
        continue;
      }
      if (key.startsWith("?") || key === "#comment") continue;
      const attrs: Record<string, string> = {};
      const rawAttrs = item[":@"] as Record<string, unknown> | undefined;
      if (rawAttrs) for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = String(v);
      const inner = convertNodes(item[key]);
      children.push({ name: key, attrs, children: inner.children, text: inner.text });
    }
  }
  return { children, text };
}

/** Parses a request body; returns the root element or the parser's complaint (for XL03000003). */
export function parseXml(body: string): { root: XmlNode } | { error: XmlParseFailure } {
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

export function findChild(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function findChildren(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
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

export function el(name: string, content?: string | number | XmlOut[] | null, attrs?: Record<string, string | number>): XmlOut {
  if (Array.isArray(content)) return { name, attrs, children: content };
  return { name, attrs, text: content == null ? "" : String(content) };
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function renderAttrs(attrs: XmlOut["attrs"]): string {
  if (!attrs) return "";
  let out = "";
  for (const [k, v] of Object.entries(attrs)) out += ` ${k}="${escapeXml(String(v))}"`;
  return out;
}

function renderNode(node: XmlOut, pretty: boolean, depth: number, parts: string[]): void {
  const indent = pretty ? "\n" + "  ".repeat(depth) : "";
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
  const text = node.text ?? "";
  parts.push(text === "" ? `${indent}${open}/>` : `${indent}${open}>${escapeXml(text)}</${node.name}>`);
}

/** Serialises a document; `pretty` follows the request's includewhitespace (reference §2: default true). */
export function renderXml(root: XmlOut, pretty: boolean): string {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  renderNode(root, pretty, 0, parts);
  if (pretty) parts.push("\n");
  return parts.join("");
}
