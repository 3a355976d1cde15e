import { XMLBuilder } from "fast-xml-parser";
import type { EnvelopeFunction, XmlNode } from "@/lib/intacct/xml-build";

// fast-xml-parser's XMLBuilder with its own entity escaping and empty-node rule: the reference that
// lib/intacct's function writer is held to (tests) and measured against (bench:intacct).
const referenceBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  jPath: false,
} as ConstructorParameters<typeof XMLBuilder>[0]);

/** The functions as XMLBuilder writes them: `<function controlid="…">…</function>` each, in order. */
export function writeFunctionsWithXmlBuilder(functions: readonly EnvelopeFunction[]): string {
  const tree: XmlNode = { function: functions.map((fn) => ({ "@_controlid": fn.controlId, ...fn.body })) };
  return referenceBuilder.build(tree) as string;
}
