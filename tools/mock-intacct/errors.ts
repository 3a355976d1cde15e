// Intacct error shapes and the catalogue of numbers the mock uses (docs/intacct/gateway.md §3 errormessage, §4 table).
// Intacct usually leaves `description` empty and puts the human text in `description2`; the mock does the same
// except where a captured response shows otherwise.

export type IntacctErrorDetail = {
  errorno: string;
  description: string;
  description2: string;
  correction: string;
};

export function buildError(
  errorno: string,
  description2: string,
  description = "",
  correction = "",
): IntacctErrorDetail {
  return { errorno, description, description2, correction };
}

/** A function-level failure: the function's result gets status failure and these errors. */
export class ResultError extends Error {
  constructor(readonly errors: IntacctErrorDetail[]) {
    super(errors.map((e) => `${e.errorno} ${e.description} ${e.description2}`.trim()).join(" - "));
  }
}

/**
 * A schema (XSD/DTD) violation anywhere in the request. Intacct validates the whole document before running
 * anything, so this is a control-level XL03000003 with no <operation> (docs/intacct/gateway.md §4; captured responses show
 * "XML Parse error: … not among the enumerated set" at control level).
 */
export class SchemaError extends Error {}

export const XML_PARSE_ERRORNO = "XL03000003";
export const CONTROL_AUTH_ERRORNO = "XL03000006";
export const ROLLBACK_ERRORNO = "XL03000009";
export const BUSINESS_ERRORNO = "BL01001973";
export const DUPLICATE_ERRORNO = "BL34000061";
export const QUERY_ERRORNO = "DL02000001";

export const ROLLBACK_TEXT = "The entire transaction in this operation has been rolled back due to an error.";

export function schemaErrorDetail(message: string): IntacctErrorDetail {
  return buildError(XML_PARSE_ERRORNO, `XML Parse schema error: ${message}`);
}

/** BL01001973 "Invalid Vendor 'X' specified." — the catch-all for bad references (docs/intacct/gateway.md §4, §13.5). */
export function invalidReference(label: string, value: string): ResultError {
  return new ResultError([buildError(BUSINESS_ERRORNO, `Invalid ${label} '${value}' specified.`)]);
}

export function businessError(description2: string, correction = ""): ResultError {
  return new ResultError([buildError(BUSINESS_ERRORNO, description2, "", correction)]);
}

/**
 * BL34000061 "Another Class with the given value(s) … already exists", followed by BL01001973 "Could not create …
 * record!" (docs/intacct/gateway.md §4: SDK-PHP's SdkTest shows the pair for a duplicate class).
 */
export function duplicateError(label: string, value: string): ResultError {
  return new ResultError([
    buildError(
      DUPLICATE_ERRORNO,
      `Another ${label} with the given value(s) ${value} already exists`,
      "",
      "Use a unique value instead.",
    ),
    buildError(BUSINESS_ERRORNO, `Could not create ${label} record!`),
  ]);
}

/**
 * DL02000001 — read/query failures such as an unknown field or a bad date literal (docs/intacct/gateway.md §4). Intacct reports
 * it as description "Error" and description2 "There was an error processing the request." (§4, SDK-PHP's
 * SdkTest); the mock adds what went wrong as the correction, for whoever debugs a request against it.
 */
export function queryError(detail: string): ResultError {
  return new ResultError([buildError(QUERY_ERRORNO, "There was an error processing the request.", "Error", detail)]);
}

/** §7 (SDK-PHP QueryClientTest): readMore with an unknown, expired or fully read resultId. */
export function readMoreFailedError(resultId: string): ResultError {
  return new ResultError([
    buildError("readMore failed", `Attempt to readMore with an invalid or expired resultId: ${resultId}`),
  ]);
}

/** "Query Failed" / "Object definition X not found" for an unknown object (docs/intacct/gateway.md §4, SDK-JS fixture). */
export function unknownObjectError(objectName: string): ResultError {
  return new ResultError([buildError("Query Failed", `Object definition ${objectName} not found`)]);
}
