// What every function handler gets: the authenticated company and user, the entity the session is bound to,
// and the shared services (result sets for readMore, sessions for getAPISession).
import type { ResultError } from "./errors";
import type { CompanyState, MockState, Row } from "./store";
import type { XmlNode, XmlOut } from "./xml";

export type AuthContext = {
  company: CompanyState;
  userId: string;
  /** '' at the top level of a multi-entity company, else the entity (LOCATIONENTITY) id — docs/intacct/gateway.md §8. */
  locationId: string;
  sessionId?: string;
};

export type SessionService = {
  create(company: CompanyState, userId: string, locationId: string, endpoint: string): { sessionId: string };
};

export type FunctionContext = AuthContext & {
  state: MockState;
  now: Date;
  /** The host the client called, for getAPISession's endpoint (docs/intacct/gateway.md §5). */
  endpoint: string;
  sessions: SessionService;
  resultSets: ResultSetStore;
  /** Number of functions in the request (getAPISession must be alone — docs/intacct/gateway.md §5). */
  functionCount: number;
};

/** What a successful function puts in its <result> after status/function/controlid. */
export type FunctionOutput = { payload: XmlOut[] };

export type FunctionHandler = (node: XmlNode, ctx: FunctionContext) => FunctionOutput;

/** A failed function may still carry a payload, e.g. generic create's empty <data listtype="objects" count="0"/>. */
export type FailurePayload = { error: ResultError; payload: XmlOut[] };

export type ResultSet = {
  id: string;
  companyId: string;
  ownerKey: string;
  objectName: string;
  listType: string;
  rows: Row[];
  fields: string[];
  pageSize: number;
  offset: number;
  lastUsed: number;
};

export type ResultSetStore = {
  save(set: Omit<ResultSet, "id" | "lastUsed">): ResultSet;
  find(id: string, companyId: string): ResultSet | undefined;
  findLatestForObject(ownerKey: string, objectName: string): ResultSet | undefined;
  remove(id: string): void;
  clear(): void;
};
