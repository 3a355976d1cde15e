// XSD-style sequence validation for the parts of a request Intacct validates against its schema: the control
// block (docs/intacct/gateway.md §2) and legacy functions such as create_potransaction (§9). Messages imitate libxml2's, which
// is what Intacct's XL03000003 description2 carries.
import { SchemaError } from "./errors";
import type { XmlNode } from "./xml";

export type SeqItem = {
  name: string;
  required?: boolean;
  repeat?: boolean;
  /** Nested sequence to validate; omit for a text-only element. */
  children?: SeqItem[];
  /** Accept any content (customfields, itemdetails…): the mock does not model them. */
  any?: boolean;
  enumValues?: string[];
};

function describeExpected(spec: SeqItem[], from: number): string {
  const names: string[] = [];
  for (let k = from; k < spec.length && names.length < 8; k++) {
    const item = spec[k];
    if (!item) break;
    names.push(item.name);
    if (item.required) break;
  }
  if (names.length === 0) return "";
  return names.length === 1 ? ` Expected is ( ${names[0]} ).` : ` Expected is one of ( ${names.join(", ")} ).`;
}

function validateItem(child: XmlNode, item: SeqItem): void {
  if (item.any) return;
  if (item.children) {
    checkSequence(child, item.children);
    return;
  }
  const firstChild = child.children[0];
  if (firstChild)
    throw new SchemaError(
      `Error 1841: Element '${child.name}': Element content is not allowed, because the type definition is simple.`,
    );
  if (item.enumValues && !item.enumValues.includes(child.text)) {
    throw new SchemaError(
      `Error 1824: Element '${child.name}': [facet 'enumeration'] The value '${child.text}' is not an element of the set {'${item.enumValues.join("', '")}'}.`,
    );
  }
}

export function checkSequence(node: XmlNode, spec: SeqItem[]): void {
  let j = 0;
  let countAtJ = 0;
  for (const child of node.children) {
    const current = spec[j];
    if (current && current.name === child.name && (countAtJ === 0 || current.repeat)) {
      countAtJ++;
      validateItem(child, current);
      continue;
    }
    const start = countAtJ > 0 ? j + 1 : j;
    let k = start;
    while (k < spec.length && spec[k]?.name !== child.name) {
      if (spec[k]?.required) {
        throw new SchemaError(
          `Error 1871: Element '${child.name}': This element is not expected.${describeExpected(spec, start)}`,
        );
      }
      k++;
    }
    const found = spec[k];
    if (!found)
      throw new SchemaError(
        `Error 1871: Element '${child.name}': This element is not expected.${describeExpected(spec, start)}`,
      );
    j = k;
    countAtJ = 1;
    validateItem(child, found);
  }
  for (let k = countAtJ > 0 ? j + 1 : j; k < spec.length; k++) {
    if (spec[k]?.required) {
      throw new SchemaError(
        `Error 1871: Element '${node.name}': Missing child element(s).${describeExpected(spec, countAtJ > 0 ? j + 1 : j)}`,
      );
    }
  }
}
