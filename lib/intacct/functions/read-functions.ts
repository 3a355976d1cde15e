import { z } from "zod";
import { createReadControlId, parseInput, type IntacctFunction } from "../function";
import type { XmlItem, XmlNode } from "../xml-build";

// §7 limits: readByQuery pagesize 1–1000, query pagesize 1–2000.
export const MAX_READ_BY_QUERY_PAGE_SIZE = 1000;
export const MAX_QUERY_PAGE_SIZE = 2000;

const ZObjectName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "object must be an Intacct object name");
const ZFieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, "field must be an Intacct field name");

export const ZReadByQueryParams = z.object({
  object: ZObjectName,
  /** Defaults to "*" (§7). */
  fields: z.array(ZFieldName).min(1).optional(),
  /** readByQuery syntax (§7); may be empty. Quote literals with quoteQueryLiteral. */
  query: z.string().default(""),
  pageSize: z.number().int().min(1).max(MAX_READ_BY_QUERY_PAGE_SIZE).default(MAX_READ_BY_QUERY_PAGE_SIZE),
  docParId: z.string().min(1).optional(),
});
export type ReadByQueryParams = z.input<typeof ZReadByQueryParams>;

export function buildReadByQuery(params: ReadByQueryParams): IntacctFunction {
  const input = parseInput(ZReadByQueryParams, params, "readByQuery");
  return {
    name: "readByQuery",
    controlId: createReadControlId(),
    kind: "read",
    body: {
      readByQuery: {
        object: input.object,
        fields: input.fields ? input.fields.join(",") : "*",
        query: input.query,
        pagesize: String(input.pageSize),
        returnFormat: "xml",
        docparid: input.docParId,
      },
    },
  };
}

export function buildReadMore(resultId: string): IntacctFunction {
  // §7: each readMore advances the result set; a resend after a lost reply would skip a page.
  return {
    name: "readMore",
    controlId: createReadControlId(),
    kind: "read",
    repeatable: false,
    body: { readMore: { resultId } },
  };
}

const COMPARISONS = [
  "equalto",
  "notequalto",
  "lessthan",
  "lessthanorequalto",
  "greaterthan",
  "greaterthanorequalto",
  "like",
  "notlike",
] as const;

export type QueryFilter =
  | { and: QueryFilter[] }
  | { or: QueryFilter[] }
  | { field: string; op: (typeof COMPARISONS)[number]; value: string }
  | { field: string; op: "in" | "notin" | "between"; values: string[] }
  | { field: string; op: "isnull" | "isnotnull" };

const ZQueryFilter: z.ZodType<QueryFilter> = z.lazy(() =>
  z.union([
    z.object({ and: z.array(ZQueryFilter) }),
    z.object({ or: z.array(ZQueryFilter) }),
    z.object({ field: ZFieldName, op: z.enum(COMPARISONS), value: z.string() }),
    // §7: in/notin take ≤1000 values; between exactly 2.
    z.object({
      field: ZFieldName,
      op: z.enum(["in", "notin", "between"]),
      values: z.array(z.string()).min(1).max(1000),
    }),
    z.object({ field: ZFieldName, op: z.enum(["isnull", "isnotnull"]) }),
  ]),
);

export const ZQueryParams = z.object({
  object: ZObjectName,
  /** §7: select is required — there is no "all fields". */
  select: z.array(ZFieldName).min(1),
  filter: ZQueryFilter.optional(),
  orderBy: z.array(z.object({ field: ZFieldName, descending: z.boolean().optional() })).optional(),
  caseInsensitive: z.boolean().optional(),
  /** §8: a top-level session needs showprivate to read private-entity data. */
  showPrivate: z.boolean().optional(),
  pageSize: z.number().int().min(1).max(MAX_QUERY_PAGE_SIZE).default(MAX_QUERY_PAGE_SIZE),
  offset: z.number().int().min(0).default(0),
});
export type QueryParams = z.input<typeof ZQueryParams>;

/** Returns undefined for an empty and/or: §7 says and/or need ≥2 children, so one child is unwrapped. */
function toFilterNode(filter: QueryFilter): XmlNode | undefined {
  if ("and" in filter || "or" in filter) {
    const operator = "and" in filter ? "and" : "or";
    const children = ("and" in filter ? filter.and : filter.or)
      .map(toFilterNode)
      .filter((node): node is XmlNode => node !== undefined);
    if (children.length === 0) return undefined;
    if (children.length === 1) return children[0];
    // Children of one operator type group into a list so repeated elements keep their order within the group.
    const grouped: XmlNode = {};
    for (const child of children) {
      for (const [name, value] of Object.entries(child)) {
        const existing = grouped[name];
        // An operator's children are elements (objects), never lists themselves.
        grouped[name] = [...((existing as readonly XmlItem[] | undefined) ?? []), value as XmlItem];
      }
    }
    return { [operator]: grouped };
  }
  if ("value" in filter) return { [filter.op]: { field: filter.field, value: filter.value } };
  if ("values" in filter) return { [filter.op]: { field: filter.field, value: filter.values } };
  return { [filter.op]: { field: filter.field } };
}

export function buildQuery(params: QueryParams): IntacctFunction {
  const input = parseInput(ZQueryParams, params, "query");
  const filter = input.filter ? toFilterNode(input.filter) : undefined;
  const options: XmlNode = {};
  if (input.caseInsensitive !== undefined) options.caseinsensitive = String(input.caseInsensitive);
  if (input.showPrivate !== undefined) options.showprivate = String(input.showPrivate);
  return {
    name: "query",
    controlId: createReadControlId(),
    kind: "read",
    body: {
      // §7 element order: object, select, filter, orderby, options, pagesize, offset.
      query: {
        object: input.object,
        select: { field: input.select },
        filter,
        orderby: input.orderBy?.length
          ? {
              order: input.orderBy.map((order) =>
                order.descending ? { field: order.field, descending: "" } : { field: order.field, ascending: "" },
              ),
            }
          : undefined,
        options: Object.keys(options).length > 0 ? options : undefined,
        pagesize: String(input.pageSize),
        offset: String(input.offset),
      },
    },
  };
}

export const ZReadParams = z.object({
  object: ZObjectName,
  /** read: RECORDNOs; readByName: natural IDs (§7). SDK-JS caps both at 100 keys (§2). */
  keys: z.array(z.string().min(1)).min(1).max(100),
  fields: z.array(ZFieldName).min(1).optional(),
  docParId: z.string().min(1).optional(),
});
export type ReadParams = z.input<typeof ZReadParams>;

function buildKeyedRead(name: "read" | "readByName", params: ReadParams): IntacctFunction {
  const input = parseInput(ZReadParams, params, name);
  return {
    name,
    controlId: createReadControlId(),
    kind: "read",
    body: {
      [name]: {
        object: input.object,
        keys: input.keys.join(","),
        fields: input.fields ? input.fields.join(",") : "*",
        returnFormat: "xml",
        docparid: input.docParId,
      },
    },
  };
}

export const buildRead = (params: ReadParams): IntacctFunction => buildKeyedRead("read", params);
export const buildReadByName = (params: ReadParams): IntacctFunction => buildKeyedRead("readByName", params);

/** §8: `<readEntityDetails/>` — the entities (or, with an object, its details) the user can access. */
export function buildReadEntityDetails(object?: string): IntacctFunction {
  const body: XmlNode = object
    ? { readEntityDetails: { object: parseInput(ZObjectName, object, "readEntityDetails"), returnFormat: "xml" } }
    : { readEntityDetails: "" };
  return { name: "readEntityDetails", controlId: createReadControlId(), kind: "read", body };
}

/** §5: getAPISession, optionally into an entity. Sent alone in its request. */
export function buildGetApiSession(locationId?: string): IntacctFunction {
  return {
    name: "getAPISession",
    controlId: "sessionProvider",
    kind: "read",
    body: { getAPISession: locationId ? { locationid: locationId } : "" },
  };
}
