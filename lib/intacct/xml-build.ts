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
} as ConstructorParameters<typeof XMLBuilder>[0]);

export function buildXml(node: XmlNode): string {
  return builder.build(node) as string;
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
        content: { function: input.functions.map((fn) => ({ "@_controlid": fn.controlId, ...fn.body })) },
      },
    },
  };
  return XML_DECLARATION + buildXml(request);
}
