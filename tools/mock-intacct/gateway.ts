// The XML gateway: one request document in, one response document out, with Intacct's checks in Intacct's
// order (docs/intacct/gateway.md §13.1): parse/schema (control XL03000003) → sender (control XL03000006) → company/user
// (authentication failure, or HTTP 401 XMLGW_JPP0002) → one <result> per function, echoing function and controlid.
import type { FunctionContext, FunctionHandler, ResultSetStore } from "./context";
import { formatIsoWithOffset } from "./dates";
import {
  buildError,
  BUSINESS_ERRORNO,
  CONTROL_AUTH_ERRORNO,
  ResultError,
  ROLLBACK_ERRORNO,
  ROLLBACK_TEXT,
  SchemaError,
  schemaErrorDetail,
  XML_PARSE_ERRORNO,
  type IntacctErrorDetail,
} from "./errors";
import { EMPTY_OBJECTS_PAYLOAD, genericCreate, genericUpdate } from "./estimates";
import type { FaultConfig } from "./faults";
import {
  approvePoDocument,
  createPoTransaction,
  declinePoDocument,
  validateCreatePoTransactionSchema,
} from "./po-transactions";
import { query, read, readByName, readByQuery, readEntityDetails, readMore } from "./readers";
import { checkSequence, type SeqItem } from "./sequence-check";
import type { SessionStore } from "./sessions";
import {
  findCompany,
  recordCompletedControlId,
  releaseSnapshot,
  restoreSnapshot,
  takeSnapshot,
  type CompanyState,
  type MockState,
} from "./store";
import { el, findChild, findChildren, parseXml, readChildText, renderXml, type XmlNode, type XmlOut } from "./xml";

type FunctionSpec = {
  handler: FunctionHandler;
  write: boolean;
  failurePayload?: XmlOut[];
  schema?: (node: XmlNode) => void;
};

function getApiSession(node: XmlNode, ctx: FunctionContext) {
  // Send getAPISession alone (docs/intacct/gateway.md §5).
  if (ctx.functionCount > 1) {
    throw new ResultError([buildError(BUSINESS_ERRORNO, "getAPISession must be the only function in its request.")]);
  }
  const requested = readChildText(node, "locationid");
  // No <locationid> keeps the current entity; an empty one returns to the top level (docs/intacct/gateway.md §5).
  const locationId = requested === undefined ? ctx.locationId : requested.trim();
  if (locationId !== "" && !ctx.company.tables.LOCATIONENTITY.findOne("LOCATIONID", locationId)) {
    throw new ResultError([buildError(BUSINESS_ERRORNO, `Invalid Entity '${locationId}' specified.`)]);
  }
  const { sessionId } = ctx.sessions.create(ctx.company, ctx.userId, locationId, ctx.endpoint);
  return {
    payload: [
      el("data", [el("api", [el("sessionid", sessionId), el("endpoint", ctx.endpoint), el("locationid", locationId)])]),
    ],
  };
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  getAPISession: { handler: getApiSession, write: false },
  readByQuery: { handler: readByQuery, write: false },
  readMore: { handler: readMore, write: false },
  read: { handler: read, write: false },
  readByName: { handler: readByName, write: false },
  readEntityDetails: { handler: readEntityDetails, write: false },
  query: { handler: query, write: false },
  create_potransaction: { handler: createPoTransaction, write: true, schema: validateCreatePoTransactionSchema },
  create: { handler: genericCreate, write: true, failurePayload: EMPTY_OBJECTS_PAYLOAD },
  update: { handler: genericUpdate, write: true, failurePayload: EMPTY_OBJECTS_PAYLOAD },
  approve: { handler: approvePoDocument, write: true },
  decline: { handler: declinePoDocument, write: true },
};

/** Real Intacct functions the mock does not implement: they fail as a result, not as a schema error. */
const KNOWN_UNIMPLEMENTED = new Set([
  "delete",
  "lookup",
  "inspect",
  "update_potransaction",
  "delete_potransaction",
  "getTransactionsToApprove",
  "getApprovalHistory",
  "get_list",
  "getUserPermissions",
  "installApp",
  "readReport",
  "readView",
  "getDimensions",
]);

const CONTROL_SPEC: SeqItem[] = [
  { name: "senderid", required: true },
  { name: "password", required: true },
  { name: "controlid", required: true },
  { name: "uniqueid", enumValues: ["true", "false"] },
  { name: "dtdversion", enumValues: ["2.1", "3.0"] },
  { name: "policyid" },
  { name: "debug" },
  { name: "includewhitespace", enumValues: ["true", "false"] },
];
const LOGIN_SPEC: SeqItem[] = [
  { name: "userid", required: true },
  { name: "companyid", required: true },
  { name: "password", required: true },
  { name: "clientid" },
  { name: "locationid" },
];

export type GatewayDeps = {
  state: MockState;
  sessions: SessionStore;
  resultSets: ResultSetStore;
  faults: () => FaultConfig;
};

export type LoggedFunction = { function: string; controlId: string; object: string; status: string };

export type GatewayResult = {
  status: number;
  body: string;
  companyId: string;
  userId: string;
  controlStatus: "success" | "failure";
  authStatus: "success" | "failure" | "";
  functions: LoggedFunction[];
  hasWrite: boolean;
  errors: string[];
};

export type PreparedRequest = {
  root?: XmlNode;
  parseError?: IntacctErrorDetail;
  /** Company the request is for (login companyid or the session's), for the per-company concurrency limit. */
  companyKey?: string;
  hasWrite: boolean;
};

export function prepareGatewayRequest(body: string, sessions: SessionStore): PreparedRequest {
  const parsed = parseXml(body);
  if ("error" in parsed) {
    const e = parsed.error;
    return {
      parseError: schemaErrorDetail(`Fatal Error 76: ${e.message} Line: ${e.line}, column: ${e.col}.`),
      hasWrite: false,
    };
  }
  const root = parsed.root;
  const operation = findChild(root, "operation");
  const auth = findChild(operation, "authentication");
  const login = findChild(auth, "login");
  let companyKey = login ? readChildText(login, "companyid")?.trim().toLowerCase() : undefined;
  const sessionId = readChildText(auth, "sessionid");
  if (!companyKey && sessionId) companyKey = sessions.peek(sessionId.trim())?.companyId.toLowerCase();
  const functions = findChildren(findChild(operation, "content"), "function");
  const hasWrite = functions.some((f) => FUNCTIONS[f.children[0]?.name ?? ""]?.write === true);
  return { root, companyKey, hasWrite };
}

function renderControl(status: string, control: XmlNode | undefined): XmlOut {
  return el("control", [
    el("status", status),
    el("senderid", readChildText(control, "senderid") ?? ""),
    el("controlid", readChildText(control, "controlid") ?? ""),
    el("uniqueid", readChildText(control, "uniqueid") ?? "true"),
    el("dtdversion", readChildText(control, "dtdversion") ?? "3.0"),
  ]);
}

function renderErrorMessage(errors: IntacctErrorDetail[]): XmlOut {
  return el(
    "errormessage",
    errors.map((e) =>
      el("error", [
        el("errorno", e.errorno),
        el("description", e.description),
        el("description2", e.description2),
        el("correction", e.correction),
      ]),
    ),
  );
}

function describeErrors(errors: IntacctErrorDetail[]): string[] {
  return errors.map((e) => [e.errorno, e.description, e.description2].filter(Boolean).join(" "));
}

function validateSchema(root: XmlNode): void {
  if (root.name !== "request")
    throw new SchemaError(
      `Error 1845: Element '${root.name}': No matching global declaration available for the validation root.`,
    );
  checkSequence(root, [
    { name: "control", required: true, children: CONTROL_SPEC },
    { name: "operation", required: true, any: true },
  ]);
  const operation = findChild(root, "operation");
  if (!operation) return;
  const transaction = operation.attrs.transaction;
  if (transaction !== undefined && transaction !== "true" && transaction !== "false") {
    throw new SchemaError(
      `Error 1824: Element 'operation', attribute 'transaction': '${transaction}' is not a valid value.`,
    );
  }
  checkSequence(operation, [
    { name: "authentication", required: true, any: true },
    { name: "content", required: true, any: true },
  ]);
  const auth = findChild(operation, "authentication");
  const login = findChild(auth, "login");
  const sessionId = findChild(auth, "sessionid");
  if (auth && auth.children.length !== 1)
    throw new SchemaError("Error 1871: Element 'authentication': expected exactly one of ( login, sessionid ).");
  if (!login && !sessionId)
    throw new SchemaError(
      `Error 1871: Element '${auth?.children[0]?.name ?? "authentication"}': This element is not expected. Expected is one of ( login, sessionid ).`,
    );
  if (login) checkSequence(login, LOGIN_SPEC);
  const content = findChild(operation, "content");
  if (!content || content.children.length === 0)
    throw new SchemaError("Error 1871: Element 'content': Missing child element(s). Expected is ( function ).");
  for (const fn of content.children) {
    if (fn.name !== "function")
      throw new SchemaError(
        `Error 1871: Element '${fn.name}': This element is not expected. Expected is ( function ).`,
      );
    if (fn.attrs.controlid === undefined || fn.attrs.controlid === "") {
      throw new SchemaError("Error 1868: Element 'function': The attribute 'controlid' is required but missing.");
    }
    if (fn.children.length !== 1)
      throw new SchemaError("Error 1871: Element 'function': exactly one function element is expected.");
    const body = fn.children[0] as XmlNode;
    const spec = FUNCTIONS[body.name];
    if (!spec && !KNOWN_UNIMPLEMENTED.has(body.name))
      throw new SchemaError(`Error 1871: Element '${body.name}': This element is not expected.`);
    spec?.schema?.(body);
  }
}

function renderReplay(
  faults: FaultConfig,
  controlId: string,
  spec: FunctionSpec,
): { status: "success" | "failure"; payload: XmlOut[]; errors: IntacctErrorDetail[] } {
  if (faults.replayAnswer === "success-no-data") return { status: "success", payload: [], errors: [] };
  const failure = (error: IntacctErrorDetail) => ({
    status: "failure" as const,
    payload: spec.failurePayload ?? [],
    errors: [error],
  });
  if (faults.replayAnswer === "other-wording")
    return failure(buildError(faults.uniqueIdErrorNo, "There was an error processing the request.", "Error"));
  return failure(
    buildError(
      faults.replayAnswer === "other-errorno" ? "XL03000011" : faults.uniqueIdErrorNo,
      `A function with control ID '${controlId}' has already been processed for this company; uniqueid=true forbids running it again.`,
      "",
      "Use a new function control ID, or read the record the first call created.",
    ),
  );
}

function describeObject(node: XmlNode): string {
  return (
    readChildText(node, "object")?.trim() ||
    readChildText(node, "transactiontype")?.trim() ||
    node.children[0]?.name ||
    ""
  );
}

type AuthOutcome =
  | { ok: true; company: CompanyState; userId: string; locationId: string; sessionId?: string; sessionStart: number }
  | { ok: false; errors: IntacctErrorDetail[]; userId: string; companyId: string; http401?: boolean };

function signInIncorrect(userId: string, companyId: string, faults: FaultConfig): AuthOutcome {
  return {
    ok: false,
    errors: [buildError(CONTROL_AUTH_ERRORNO, "Sign-in information is incorrect")],
    userId,
    companyId,
    http401: faults.http401OnBadLogin,
  };
}

function checkWebServicesAuthorization(company: CompanyState, senderId: string): IntacctErrorDetail[] | undefined {
  if (company.webServicesEnabled && company.authorizedSenders.includes(senderId)) return undefined;
  // Wording from captured responses (docs/intacct/gateway.md §4 "Sender not authorized for company").
  return [
    buildError(
      CONTROL_AUTH_ERRORNO,
      `The sender ID '${senderId}' is not authorized to make Web Services requests to company ID '${company.companyId}'.`,
      "Invalid Web Services Authorization",
      "Contact the company administrator to grant Web Services authorization to this sender ID.",
    ),
  ];
}

function authenticate(deps: GatewayDeps, auth: XmlNode, senderId: string): AuthOutcome | { expired: CompanyState } {
  const faults = deps.faults();
  const login = findChild(auth, "login");
  if (login) {
    const userId = readChildText(login, "userid")?.trim() ?? "";
    const companyId = readChildText(login, "companyid")?.trim() ?? "";
    const company = findCompany(deps.state, companyId);
    if (!company) return signInIncorrect(userId, companyId, faults);
    if (faults.expiredCompanies.some((c) => c.toLowerCase() === company.companyId.toLowerCase()))
      return { expired: company };
    const wsErrors = checkWebServicesAuthorization(company, senderId);
    if (wsErrors) return { ok: false, errors: wsErrors, userId, companyId };
    const password = readChildText(login, "password") ?? "";
    const user = company.users.find((u) => u.userId.toLowerCase() === userId.toLowerCase());
    if (!user || user.password !== password) return signInIncorrect(userId, companyId, faults);
    const locationId = readChildText(login, "locationid")?.trim() ?? "";
    if (locationId !== "" && !company.tables.LOCATIONENTITY.findOne("LOCATIONID", locationId)) {
      return {
        ok: false,
        errors: [
          buildError(
            CONTROL_AUTH_ERRORNO,
            `Invalid Entity '${locationId}' specified.`,
            "Sign-in information is incorrect",
          ),
        ],
        userId,
        companyId,
      };
    }
    return { ok: true, company, userId: user.userId, locationId, sessionStart: Date.now() };
  }
  const sessionId = readChildText(auth, "sessionid")?.trim() ?? "";
  const session = deps.sessions.touch(sessionId);
  const company = session ? findCompany(deps.state, session.companyId) : undefined;
  // Expired and unknown sessions look the same to the client (captured "Invalid session" response).
  if (!session || !company)
    return { ok: false, errors: [buildError(CONTROL_AUTH_ERRORNO, "Invalid session")], userId: "", companyId: "" };
  if (faults.expiredCompanies.some((c) => c.toLowerCase() === company.companyId.toLowerCase()))
    return { expired: company };
  const wsErrors = checkWebServicesAuthorization(company, senderId);
  if (wsErrors) return { ok: false, errors: wsErrors, userId: session.userId, companyId: company.companyId };
  return {
    ok: true,
    company,
    userId: session.userId,
    locationId: session.locationId,
    sessionId: session.id,
    sessionStart: session.lastUsed,
  };
}

function emptyResult(partial: Partial<GatewayResult> & { body: string }): GatewayResult {
  return {
    status: 200,
    companyId: "",
    userId: "",
    controlStatus: "failure",
    authStatus: "",
    functions: [],
    hasWrite: false,
    errors: [],
    ...partial,
  };
}

export function executeGatewayRequest(deps: GatewayDeps, prepared: PreparedRequest, endpoint: string): GatewayResult {
  const xml = (root: XmlOut, pretty: boolean) => renderXml(root, pretty);
  if (prepared.parseError || !prepared.root) {
    const errors = [prepared.parseError ?? schemaErrorDetail("Document is empty")];
    return emptyResult({
      body: xml(el("response", [renderControl("failure", undefined), renderErrorMessage(errors)]), true),
      errors: describeErrors(errors),
    });
  }
  const root = prepared.root;
  const control = findChild(root, "control");
  const pretty = (readChildText(control, "includewhitespace") ?? "true").trim() !== "false";
  const controlFailure = (errors: IntacctErrorDetail[], extra: Partial<GatewayResult> = {}) =>
    emptyResult({
      body: xml(el("response", [renderControl("failure", control), renderErrorMessage(errors)]), pretty),
      errors: describeErrors(errors),
      ...extra,
    });

  try {
    validateSchema(root);
  } catch (err) {
    if (err instanceof SchemaError) return controlFailure([schemaErrorDetail(err.message)]);
    throw err;
  }
  if ((readChildText(control, "policyid") ?? "").trim() !== "") {
    return controlFailure([
      buildError(
        XML_PARSE_ERRORNO,
        "The mock does not support asynchronous requests (policyid); send them synchronously.",
      ),
    ]);
  }

  const senderId = readChildText(control, "senderid") ?? "";
  const senderPassword = readChildText(control, "password") ?? "";
  const sender = deps.state.senders.find((s) => s.senderId === senderId);
  if (!sender || sender.password !== senderPassword) {
    // Captured responses: control failure, no <operation> (docs/intacct/gateway.md §4).
    return controlFailure([buildError(CONTROL_AUTH_ERRORNO, "Incorrect Intacct XML Partner ID or password.")]);
  }

  const operation = findChild(root, "operation") as XmlNode;
  const auth = findChild(operation, "authentication") as XmlNode;
  const outcome = authenticate(deps, auth, senderId);
  if ("expired" in outcome) {
    return controlFailure([buildError("PL04000055", "This company is a demo company and has expired.")], {
      companyId: outcome.expired.companyId,
    });
  }
  if (!outcome.ok) {
    if (outcome.http401) {
      // Some tenants get HTTP 401 with a bare control failure (SDK fixtures, docs/intacct/gateway.md §4 row B).
      const body = xml(
        el("response", [
          el("control", [el("status", "failure")]),
          el("errormessage", [
            el("error", [
              el("errorno", "XMLGW_JPP0002"),
              el("description", "Sign-in information is incorrect. Please check your request."),
            ]),
          ]),
        ]),
        pretty,
      );
      return emptyResult({
        status: 401,
        body,
        companyId: outcome.companyId,
        userId: outcome.userId,
        errors: ["XMLGW_JPP0002 Sign-in information is incorrect. Please check your request."],
      });
    }
    const body = xml(
      el("response", [
        renderControl("success", control),
        el("operation", [
          el("authentication", [
            el("status", "failure"),
            el("userid", outcome.userId),
            el("companyid", outcome.companyId),
          ]),
          renderErrorMessage(outcome.errors),
        ]),
      ]),
      pretty,
    );
    return emptyResult({
      body,
      controlStatus: "success",
      authStatus: "failure",
      companyId: outcome.companyId,
      userId: outcome.userId,
      errors: describeErrors(outcome.errors),
    });
  }

  const { company } = outcome;
  const now = new Date();
  const functionNodes = findChildren(findChild(operation, "content"), "function");
  const uniqueId = (readChildText(control, "uniqueid") ?? "true").trim() === "true";
  const transaction = operation.attrs.transaction === "true";
  const ctx: FunctionContext = {
    company,
    userId: outcome.userId,
    locationId: outcome.locationId,
    sessionId: outcome.sessionId,
    state: deps.state,
    now,
    endpoint,
    sessions: deps.sessions,
    resultSets: deps.resultSets,
    functionCount: functionNodes.length,
  };

  type Outcome = {
    name: string;
    controlId: string;
    object: string;
    status: "success" | "failure" | "aborted";
    payload: XmlOut[];
    errors: IntacctErrorDetail[];
  };
  const outcomes: Outcome[] = [];
  const operationSnapshot = transaction ? takeSnapshot(company) : undefined;
  let failedIndex = -1;

  const runFunction = (index: number, fnNode: XmlNode) => {
    const body = fnNode.children[0] as XmlNode;
    const controlId = fnNode.attrs.controlid ?? "";
    const base = { name: body.name, controlId, object: describeObject(body) };
    if (transaction && failedIndex >= 0) {
      outcomes.push({ ...base, status: "aborted", payload: [], errors: [] });
      return;
    }
    const spec = FUNCTIONS[body.name];
    let result: Outcome;
    if (!spec) {
      result = {
        ...base,
        status: "failure",
        payload: [],
        errors: [buildError(BUSINESS_ERRORNO, `The mock does not implement the ${body.name} function.`)],
      };
    } else if (uniqueId && company.completedControlIds.has(controlId)) {
      // Replays are refused before anything runs, so they have no side effects (docs/intacct/gateway.md §6). What Intacct
      // answers is undocumented (§6): the company's replayAnswer picks one of several plausible answers.
      result = { ...base, ...renderReplay(deps.faults(), controlId, spec) };
    } else {
      const snapshot = spec.write && !transaction ? takeSnapshot(company) : undefined;
      try {
        const output = spec.handler(body, ctx);
        result = { ...base, status: "success", payload: output.payload, errors: [] };
        if (snapshot) releaseSnapshot(company, snapshot);
        recordCompletedControlId(company, controlId);
      } catch (err) {
        if (!(err instanceof ResultError)) {
          if (snapshot) releaseSnapshot(company, snapshot);
          throw err;
        }
        if (snapshot) restoreSnapshot(company, snapshot);
        result = { ...base, status: "failure", payload: spec.failurePayload ?? [], errors: err.errors };
      }
    }
    if (result.status === "failure" && transaction) failedIndex = index;
    outcomes.push(result);
  };
  try {
    for (const [index, fnNode] of functionNodes.entries()) runFunction(index, fnNode);
  } catch (err) {
    if (operationSnapshot) releaseSnapshot(company, operationSnapshot);
    throw err;
  }

  if (transaction && failedIndex >= 0 && operationSnapshot) {
    // Roll back everything; the failure keeps its errors plus XL03000009, the rest are aborted (docs/intacct/gateway.md §6).
    restoreSnapshot(company, operationSnapshot);
    const rollback = buildError(ROLLBACK_ERRORNO, ROLLBACK_TEXT);
    for (const [i, o] of outcomes.entries()) {
      if (i === failedIndex) o.errors = [...o.errors, rollback];
      else {
        o.status = "aborted";
        o.payload = [];
        o.errors = [rollback];
      }
    }
  } else if (operationSnapshot) releaseSnapshot(company, operationSnapshot);

  const sessionTimestamp = formatIsoWithOffset(now);
  const sessionTimeout = formatIsoWithOffset(deps.sessions.projectTimeout(now.getTime()));
  const results = outcomes.map((o) =>
    el("result", [
      el("status", o.status),
      el("function", o.name),
      el("controlid", o.controlId),
      ...o.payload,
      ...(o.errors.length > 0 ? [renderErrorMessage(o.errors)] : []),
    ]),
  );
  const body = xml(
    el("response", [
      renderControl("success", control),
      el("operation", [
        // §3: replies often leave out locationid (here: at the top level) and sessiontimeout (here: when the
        // request signed in with a login rather than a session, so there is no session to slide).
        el("authentication", [
          el("status", "success"),
          el("userid", outcome.userId),
          el("companyid", company.companyId),
          ...(outcome.locationId !== "" ? [el("locationid", outcome.locationId)] : []),
          el("sessiontimestamp", sessionTimestamp),
          ...(outcome.sessionId !== undefined ? [el("sessiontimeout", sessionTimeout)] : []),
        ]),
        ...results,
      ]),
    ]),
    pretty,
  );
  return {
    status: 200,
    body,
    companyId: company.companyId,
    userId: outcome.userId,
    controlStatus: "success",
    authStatus: "success",
    functions: outcomes.map((o) => ({ function: o.name, controlId: o.controlId, object: o.object, status: o.status })),
    hasWrite: functionNodes.some((f) => FUNCTIONS[f.children[0]?.name ?? ""]?.write === true),
    errors: outcomes.flatMap((o) => describeErrors(o.errors)),
  };
}
