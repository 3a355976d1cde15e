// Request builders and response readers for the mock's tests. They speak the wire protocol over real HTTP, the
// way any client would.
import { randomUUID } from "node:crypto";
import { DEMO_CREDENTIALS } from "./seed";
import type { MockIntacct } from "./server";
import { escapeXml, findChild, findChildren, parseXml, readChildText, type XmlNode } from "./xml";

export type LoginAuth = { userId?: string; companyId?: string; password?: string; locationId?: string };
export type RequestOptions = {
  senderId?: string;
  senderPassword?: string;
  controlId?: string;
  /** undefined omits the element (Intacct then defaults to true). */
  uniqueId?: boolean;
  includeWhitespace?: boolean;
  transaction?: boolean;
  login?: LoginAuth;
  sessionId?: string;
};

export type ErrorView = { errorno: string; description: string; description2: string; correction: string };
export type ResultView = {
  status: string;
  function: string;
  controlid: string;
  node: XmlNode;
  data?: XmlNode;
  key?: string;
  records: Record<string, string>[];
  errors: ErrorView[];
};
export type ResponseView = {
  httpStatus: number;
  contentType: string;
  text: string;
  root?: XmlNode;
  controlStatus?: string;
  control?: XmlNode;
  topErrors: ErrorView[];
  auth?: XmlNode;
  authStatus?: string;
  authErrors: ErrorView[];
  results: ResultView[];
};

export function fn(body: string, controlId: string = randomUUID()): { controlId: string; xml: string } {
  return { controlId, xml: `<function controlid="${escapeXml(controlId)}">${body}</function>` };
}

export function buildRequest(functions: ({ xml: string } | string)[], options: RequestOptions = {}): string {
  const login = {
    ...{
      userId: DEMO_CREDENTIALS.userId,
      companyId: DEMO_CREDENTIALS.companyId,
      password: DEMO_CREDENTIALS.userPassword,
    },
    ...options.login,
  };
  const auth = options.sessionId
    ? `<sessionid>${escapeXml(options.sessionId)}</sessionid>`
    : `<login><userid>${escapeXml(login.userId)}</userid><companyid>${escapeXml(login.companyId)}</companyid><password>${escapeXml(login.password)}</password>${
        login.locationId !== undefined ? `<locationid>${escapeXml(login.locationId)}</locationid>` : ""
      }</login>`;
  const uniqueId = options.uniqueId === undefined ? "" : `<uniqueid>${options.uniqueId}</uniqueid>`;
  const whitespace =
    options.includeWhitespace === undefined
      ? ""
      : `<includewhitespace>${options.includeWhitespace}</includewhitespace>`;
  const content = functions.map((f) => (typeof f === "string" ? fn(f).xml : f.xml)).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<request><control><senderid>${escapeXml(options.senderId ?? DEMO_CREDENTIALS.senderId)}</senderid><password>${escapeXml(
    options.senderPassword ?? DEMO_CREDENTIALS.senderPassword,
  )}</password><controlid>${escapeXml(options.controlId ?? "req-1")}</controlid>${uniqueId}<dtdversion>3.0</dtdversion>${whitespace}</control>
<operation transaction="${options.transaction ? "true" : "false"}"><authentication>${auth}</authentication><content>${content}</content></operation></request>`;
}

function readErrors(node: XmlNode | undefined): ErrorView[] {
  return findChildren(node, "error").map((e) => ({
    errorno: readChildText(e, "errorno") ?? "",
    description: readChildText(e, "description") ?? "",
    description2: readChildText(e, "description2") ?? "",
    correction: readChildText(e, "correction") ?? "",
  }));
}

export function toRecord(node: XmlNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of node.children) out[c.name] = c.text;
  return out;
}

export function readResponse(httpStatus: number, contentType: string, text: string): ResponseView {
  const view: ResponseView = { httpStatus, contentType, text, topErrors: [], authErrors: [], results: [] };
  const parsed = parseXml(text);
  if ("error" in parsed) return view;
  const root = parsed.root;
  view.root = root;
  view.control = findChild(root, "control");
  view.controlStatus = readChildText(view.control, "status");
  view.topErrors = readErrors(findChild(root, "errormessage"));
  const operation = findChild(root, "operation");
  view.auth = findChild(operation, "authentication");
  view.authStatus = readChildText(view.auth, "status");
  view.authErrors = readErrors(findChild(operation, "errormessage"));
  view.results = findChildren(operation, "result").map((r) => {
    const data = findChild(r, "data");
    return {
      status: readChildText(r, "status") ?? "",
      function: readChildText(r, "function") ?? "",
      controlid: readChildText(r, "controlid") ?? "",
      node: r,
      data,
      key: readChildText(r, "key"),
      records: data ? data.children.map(toRecord) : [],
      errors: readErrors(findChild(r, "errormessage")),
    };
  });
  return view;
}

export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<ResponseView> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/xml", ...headers }, body });
  const text = await res.text();
  return readResponse(res.status, res.headers.get("content-type") ?? "", text);
}

export async function call(
  mock: MockIntacct,
  functions: ({ xml: string } | string)[],
  options: RequestOptions = {},
): Promise<ResponseView> {
  return postRaw(mock.endpoint, buildRequest(functions, options));
}

/** Calls expecting every result to succeed; returns the first result. */
export async function callOk(mock: MockIntacct, body: string, options: RequestOptions = {}): Promise<ResultView> {
  const res = await call(mock, [body], options);
  const result = res.results[0];
  if (!result || result.status !== "success") {
    throw new Error(`expected success, got ${res.httpStatus} ${res.text.slice(0, 2000)}`);
  }
  return result;
}

export async function openSession(
  mock: MockIntacct,
  locationId?: string,
  login?: LoginAuth,
): Promise<{ sessionId: string; endpoint: string; locationId: string }> {
  const body =
    locationId === undefined
      ? "<getAPISession/>"
      : `<getAPISession><locationid>${locationId}</locationid></getAPISession>`;
  const result = await callOk(mock, body, { login });
  const api = findChild(result.data, "api");
  return {
    sessionId: readChildText(api, "sessionid") ?? "",
    endpoint: readChildText(api, "endpoint") ?? "",
    locationId: readChildText(api, "locationid") ?? "",
  };
}

export function readByQueryXml(
  object: string,
  query: string,
  opts: { fields?: string; pagesize?: number; docparid?: string } = {},
): string {
  return `<readByQuery><object>${object}</object><fields>${opts.fields ?? "*"}</fields><query>${escapeXml(query)}</query>${
    opts.pagesize !== undefined ? `<pagesize>${opts.pagesize}</pagesize>` : ""
  }${opts.docparid ? `<docparid>${escapeXml(opts.docparid)}</docparid>` : ""}</readByQuery>`;
}

export type PoLine = Partial<Record<string, string>>;

/** Builds create_potransaction in the documented element order (docs/intacct/gateway.md §9). */
export function createPoXml(opts: {
  transactiontype?: string;
  vendorid?: string;
  documentno?: string;
  createdfrom?: string;
  referenceno?: string;
  state?: string;
  date?: [string, string, string];
  /** Due date; null leaves datedue out (then termname, if given, stands in for it). Default: the document date. */
  datedue?: [string, string, string] | null;
  termname?: string;
  /** Currency block, written as given: e.g. "<currency>USD</currency><exchrate>1</exchrate>". */
  currencyXml?: string;
  lines: PoLine[];
}): string {
  const [y, m, d] = opts.date ?? ["2025", "03", "01"];
  const due = opts.datedue === undefined ? [y, m, d] : opts.datedue;
  const lineOrder = [
    "itemid",
    "itemdesc",
    "quantity",
    "unit",
    "price",
    "sourcelinekey",
    "locationid",
    "departmentid",
    "memo",
    "projectid",
    "taskid",
    "costtypeid",
    "retainagepercentage",
    "relateddockey",
    "relateddoclinekey",
    "sourcedocid",
    "sourcedoclineid",
  ];
  const lines = opts.lines
    .map(
      (line) =>
        `<potransitem>${lineOrder
          .filter((k) => line[k] !== undefined)
          .map((k) => `<${k}>${escapeXml(line[k] ?? "")}</${k}>`)
          .join("")}</potransitem>`,
    )
    .join("");
  return (
    `<create_potransaction><transactiontype>${escapeXml(opts.transactiontype ?? "Purchase Order")}</transactiontype>` +
    `<datecreated><year>${y}</year><month>${m}</month><day>${d}</day></datecreated>` +
    (opts.createdfrom ? `<createdfrom>${escapeXml(opts.createdfrom)}</createdfrom>` : "") +
    `<vendorid>${escapeXml(opts.vendorid ?? "V-1002")}</vendorid>` +
    (opts.documentno !== undefined ? `<documentno>${escapeXml(opts.documentno)}</documentno>` : "") +
    (opts.referenceno ? `<referenceno>${escapeXml(opts.referenceno)}</referenceno>` : "") +
    (opts.termname ? `<termname>${escapeXml(opts.termname)}</termname>` : "") +
    (due ? `<datedue><year>${due[0]}</year><month>${due[1]}</month><day>${due[2]}</day></datedue>` : "") +
    `<returnto><contactname/></returnto><payto><contactname/></payto>` +
    (opts.currencyXml ?? "") +
    (opts.state ? `<state>${opts.state}</state>` : "") +
    `<potransitems>${lines}</potransitems></create_potransaction>`
  );
}

export const SUB_LINE: PoLine = {
  itemid: "SUBCONTRACT",
  quantity: "1",
  price: "2500.00",
  locationid: "E100",
  projectid: "P-1001",
  taskid: "03-2000",
  costtypeid: "SUB",
};
