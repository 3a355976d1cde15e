/**
 * Hand-written Intacct responses, shaped after the reference (§3, §4) — not produced by our own builder, so parser
 * tests cannot pass by symmetry.
 */
export const SESSION_ID = "SeSsIoN-7f3a9c1d2e4b.."; // a realistic session id
export const SESSION_ENDPOINT = "https://na99.intacct.example/ia/xml/xmlgw.phtml";

export const control = (status = "success", controlId = "req-1") =>
  `<control><status>${status}</status><senderid>ingenious_build</senderid><controlid>${controlId}</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control>`;

export const authentication = (sessionTimeout = "2099-01-01T10:08:34-07:00") =>
  `<authentication><status>success</status><userid>xml_gateway</userid><companyid>DEMO-CONSTRUCTION</companyid><locationid></locationid>` +
  `<sessiontimestamp>2025-03-01T10:08:34-07:00</sessiontimestamp><sessiontimeout>${sessionTimeout}</sessiontimeout></authentication>`;

export const response = (results: string, options: { sessionTimeout?: string } = {}) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<response>${control()}<operation>${authentication(options.sessionTimeout)}${results}</operation></response>`;

export const successResult = (fn: string, controlId: string, inner = "") =>
  `<result><status>success</status><function>${fn}</function><controlid>${controlId}</controlid>${inner}</result>`;

export const errorXml = (errorNo: string, description: string, description2 = "", correction = "") =>
  `<error><errorno>${errorNo}</errorno><description>${description}</description><description2>${description2}</description2><correction>${correction}</correction></error>`;

export const failureResult = (fn: string, controlId: string, errors: string, status = "failure") =>
  `<result><status>${status}</status><function>${fn}</function><controlid>${controlId}</controlid><errormessage>${errors}</errormessage></result>`;

export const sessionResponse = (
  options: { sessionId?: string; endpoint?: string; sessionTimeout?: string; locationId?: string } = {},
) =>
  response(
    successResult(
      "getAPISession",
      "sessionProvider",
      `<data><api><sessionid>${options.sessionId ?? SESSION_ID}</sessionid><endpoint>${options.endpoint ?? SESSION_ENDPOINT}</endpoint><locationid>${options.locationId ?? ""}</locationid></api></data>`,
    ),
    { sessionTimeout: options.sessionTimeout },
  );

/** §4: control failure — only <control> and a top-level <errormessage>, no <operation>. */
export const controlFailure = (errors: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><response>${control("failure")}<errormessage>${errors}</errormessage></response>`;

/** §4: authentication failure — <errormessage> inside <operation> after <authentication>, no results. */
export const authFailure = (errors: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><response>${control()}<operation><authentication><status>failure</status><userid>xml_gateway</userid><companyid>DEMO</companyid><locationid></locationid></authentication><errormessage>${errors}</errormessage></operation></response>`;

export const BAD_SENDER = controlFailure(
  errorXml("XL03000006", "Incorrect Intacct XML Partner ID or password.", "", ""),
);
export const SENDER_NOT_AUTHORIZED = authFailure(
  errorXml(
    "XL03000006",
    "Invalid Web Services Authorization",
    "The sender ID 'ingenious_build' is not authorized to make Web Services requests to company ID 'DEMO'.",
    "Contact the company administrator to grant Web Services authorization to this sender ID.",
  ),
);
export const SIGN_IN_INCORRECT = authFailure(errorXml("XL03000006", "Sign-in information is incorrect", "", ""));
export const UNAUTHORIZED_401 = controlFailure(
  errorXml("XMLGW_JPP0002", "Sign-in information is incorrect. Please check your request.", "", ""),
);
export const RATE_LIMITED_429 = controlFailure(errorXml("GW-0010", "Rate limit exceeded", "", "Retry later"));
export const COMPANY_EXPIRED = controlFailure(
  errorXml("PL04000055", "This company has been disabled or its trial has expired.", "", ""),
);
export const MALFORMED = controlFailure(
  errorXml("XL03000003", "XML Parse schema error: Error 1871: Element 'bogus': This element is not expected.", "", ""),
);

export const HTML_502 = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>cloudflare</p></body></html>`;
export const HTML_500_EMPTY = "";

export const readByQueryPage = (options: {
  records: string[];
  totalCount: number;
  numRemaining: number;
  resultId?: string;
  controlId: string;
  fn?: string;
}) =>
  response(
    successResult(
      options.fn ?? "readByQuery",
      options.controlId,
      `<data listtype="vendor" count="${options.records.length}" totalcount="${options.totalCount}" numremaining="${options.numRemaining}" resultId="${options.resultId ?? ""}">${options.records.join("")}</data>`,
    ),
  );

export const vendorRecord = (id: string, name = `Vendor ${id}`) =>
  `<vendor><RECORDNO>${id.replace(/\D/g, "") || "1"}</RECORDNO><VENDORID>${id}</VENDORID><NAME>${name}</NAME><STATUS>active</STATUS><TERMNAME></TERMNAME></vendor>`;

export const queryPage = (options: {
  object: string;
  records: string[];
  totalCount: number;
  offset: number;
  numRemaining: number;
  controlId: string;
}) =>
  response(
    successResult(
      "query",
      options.controlId,
      `<data listtype="${options.object}" totalcount="${options.totalCount}" offset="${options.offset}" count="${options.records.length}" numremaining="${options.numRemaining}">${options.records.join("")}</data>`,
    ),
  );

export const upperVendor = (n: number) =>
  `<VENDOR><RECORDNO>${n}</RECORDNO><VENDORID>V${String(n).padStart(4, "0")}</VENDORID><NAME>Vendor ${n}</NAME><STATUS>active</STATUS><WHENMODIFIED>03/01/2025 10:00:00</WHENMODIFIED></VENDOR>`;
