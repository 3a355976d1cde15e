// Generic readers (docs/intacct/gateway.md §3 payloads, §7): readByQuery/readMore answer with lowercase record wrappers and
// count/totalcount/numremaining/resultId; read/readByName with UPPERCASE wrappers and count only; query with
// UPPERCASE wrappers and an offset.
import { randomBytes } from "node:crypto";
import type { FunctionContext, FunctionOutput, ResultSet, ResultSetStore } from "./context";
import { parseIntacctDate } from "./dates";
import { queryError, readMoreFailedError, unknownObjectError } from "./errors";
import { compileQueryString, type RowPredicate } from "./query-string";
import { findFieldDef, findObjectDef, OBJECTS, toStoredCode, type FieldDef, type ObjectDef } from "./schema";
import type { CompanyState, Row } from "./store";
import { el, findChild, findChildren, readChildText, type XmlNode, type XmlOut } from "./xml";

const READ_BY_QUERY_MAX_PAGE = 1000;
const READ_BY_QUERY_DEFAULT_PAGE = 100;
const QUERY_MAX_PAGE = 2000;
const QUERY_DEFAULT_PAGE = 100;
/** resultId lifetime is undocumented (docs/intacct/gateway.md §14); 30 idle minutes is long enough for any honest pager. */
const RESULT_SET_IDLE_MS = 30 * 60_000;
// Each set pins its matched rows; the cap bounds memory when clients abandon paging (the benchmark does).
const RESULT_SET_CAP = 300;

export function createResultSetStore(): ResultSetStore {
  const sets = new Map<string, ResultSet>();
  const latest = new Map<string, string>();
  const prune = (now: number) => {
    for (const [id, set] of sets) if (now - set.lastUsed > RESULT_SET_IDLE_MS) sets.delete(id);
    while (sets.size > RESULT_SET_CAP) {
      const oldest = sets.keys().next().value;
      if (oldest === undefined) break;
      sets.delete(oldest);
    }
  };
  return {
    save(input) {
      const now = Date.now();
      prune(now);
      const set: ResultSet = {
        ...input,
        id: `${Date.now().toString(36)}${randomBytes(9).toString("hex")}`,
        lastUsed: now,
      };
      sets.set(set.id, set);
      latest.set(`${set.ownerKey}\u0000${set.objectName}`, set.id);
      return set;
    },
    find(id, companyId) {
      const set = sets.get(id);
      if (!set || set.companyId !== companyId) return undefined;
      if (Date.now() - set.lastUsed > RESULT_SET_IDLE_MS) {
        sets.delete(id);
        return undefined;
      }
      set.lastUsed = Date.now();
      return set;
    },
    findLatestForObject(ownerKey, objectName) {
      const id = latest.get(`${ownerKey}\u0000${objectName}`);
      return id ? sets.get(id) : undefined;
    },
    remove(id) {
      sets.delete(id);
    },
    clear() {
      sets.clear();
      latest.clear();
    },
  };
}

function requireObject(name: string | undefined): ObjectDef {
  if (name === undefined || name.trim() === "") throw queryError("The object element is required.");
  const def = findObjectDef(name);
  if (!def) throw unknownObjectError(name.trim());
  return def;
}

function resolveFields(def: ObjectDef, fieldsText: string | undefined): FieldDef[] {
  const text = (fieldsText ?? "*").trim();
  if (text === "" || text === "*") return def.fields;
  return text.split(",").map((raw) => {
    const name = raw.trim();
    const field = findFieldDef(def, name);
    if (!field) throw queryError(`Unknown field '${name}' for object ${def.name}.`);
    return field;
  });
}

/** Rows the session may see: an entity-level session sees its entity's records plus shared (top-level) ones. */
export function listVisibleRows(company: CompanyState, def: ObjectDef, locationId: string): Row[] {
  const rows = company.tables[def.name].rows;
  if (locationId === "" || !def.fieldMap.has("MEGAENTITYID")) return rows;
  return rows.filter((r) => !r.MEGAENTITYID || r.MEGAENTITYID === locationId);
}

function filterByDocPar(def: ObjectDef, rows: Row[], docparid: string | undefined): Row[] {
  if (!docparid || !def.fieldMap.has("DOCPARID")) return rows;
  return rows.filter((r) => r.DOCPARID === docparid);
}

function renderRecord(wrapper: string, row: Row, fields: readonly (FieldDef | string)[]): XmlOut {
  return el(
    wrapper,
    fields.map((f) => {
      const name = typeof f === "string" ? f : f.name;
      return el(name, row[name] ?? "");
    }),
  );
}

/** read/readByName on a header object also return its lines with their RECORDNOs (PODOCUMENTENTRIES, ENTRIES). */
function renderRecordWithOwned(
  ctx: FunctionContext,
  def: ObjectDef,
  row: Row,
  fields: FieldDef[],
  includeOwned: boolean,
): XmlOut {
  const record = renderRecord(def.name, row, fields);
  if (!includeOwned || !def.owned) return record;
  const ownedDef = OBJECTS[def.owned.object];
  const lines = ctx.company.tables[def.owned.object].findAll(def.owned.parentField, row.RECORDNO ?? "");
  record.children?.push(
    el(
      def.owned.wrapper,
      lines.map((line) => renderRecord(ownedDef.name.toLowerCase(), line, ownedDef.fields)),
    ),
  );
  return record;
}

function parsePageSize(text: string | undefined, max: number, fallback: number): number {
  if (text === undefined || text.trim() === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw queryError(`pagesize must be an integer from 1 to ${max}; got '${text}'.`);
  return n;
}

function requireXmlFormat(format: string | undefined): void {
  if (format === undefined || format.trim() === "" || format.trim().toLowerCase() === "xml") return;
  // json/csv return bare data without the envelope (docs/intacct/gateway.md §3); the mock only speaks the XML envelope.
  throw queryError(`returnFormat '${format}' is not supported by the mock; use xml.`);
}

function ownerKeyOf(ctx: FunctionContext): string {
  return `${ctx.company.companyId}\u0000${ctx.userId}\u0000${ctx.sessionId ?? "login"}`;
}

function renderPage(set: ResultSet): FunctionOutput {
  const page = set.rows.slice(set.offset, set.offset + set.pageSize);
  set.offset += page.length;
  const remaining = set.rows.length - set.offset;
  const def = OBJECTS[set.objectName as keyof typeof OBJECTS];
  const data = el(
    "data",
    page.map((row) =>
      renderRecord(
        set.listType,
        row,
        set.fields.map((f) => def.fieldMap.get(f) ?? f),
      ),
    ),
    {
      listtype: set.listType,
      count: page.length,
      totalcount: set.rows.length,
      numremaining: remaining,
      // §7: every page of a paged read carries its resultId, the last one too; it is empty only when the first
      // page held everything (no result set was kept).
      resultId: set.offset === page.length && remaining === 0 ? "" : set.id,
    },
  );
  return { payload: [data] };
}

export function readByQuery(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  const def = requireObject(readChildText(node, "object"));
  const fields = resolveFields(def, readChildText(node, "fields"));
  const pageSize = parsePageSize(readChildText(node, "pagesize"), READ_BY_QUERY_MAX_PAGE, READ_BY_QUERY_DEFAULT_PAGE);
  requireXmlFormat(readChildText(node, "returnFormat"));
  // object and query are required; the query may be empty (docs/intacct/gateway.md §7).
  const queryText = readChildText(node, "query");
  if (queryText === undefined) throw queryError("The query element is required (it may be empty).");
  const predicate = compileQueryString(def, queryText);
  const rows = filterByDocPar(
    def,
    listVisibleRows(ctx.company, def, ctx.locationId),
    readChildText(node, "docparid"),
  ).filter(predicate);
  const set = ctx.resultSets.save({
    companyId: ctx.company.companyId,
    ownerKey: ownerKeyOf(ctx),
    objectName: def.name,
    listType: def.name.toLowerCase(),
    rows,
    fields: fields.map((f) => f.name),
    pageSize,
    offset: 0,
  });
  const out = renderPage(set);
  if (set.offset >= set.rows.length) ctx.resultSets.remove(set.id);
  return out;
}

export function readMore(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  const resultId = readChildText(node, "resultId");
  const objectName = readChildText(node, "object");
  let set: ResultSet | undefined;
  if (resultId !== undefined && resultId.trim() !== "") {
    set = ctx.resultSets.find(resultId.trim(), ctx.company.companyId);
    if (!set) throw readMoreFailedError(resultId.trim());
  } else if (objectName !== undefined && objectName.trim() !== "") {
    const def = requireObject(objectName);
    set = ctx.resultSets.findLatestForObject(ownerKeyOf(ctx), def.name);
    if (!set || !ctx.resultSets.find(set.id, ctx.company.companyId))
      throw queryError(`There is no readByQuery in progress for object ${def.name}.`);
  } else {
    throw queryError("readMore needs a resultId or an object.");
  }
  const out = renderPage(set);
  if (set.offset >= set.rows.length) ctx.resultSets.remove(set.id);
  return out;
}

function parseKeys(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
}

function renderKeyedRead(ctx: FunctionContext, node: XmlNode, keyField: (def: ObjectDef) => string): FunctionOutput {
  const def = requireObject(readChildText(node, "object"));
  const fieldsText = readChildText(node, "fields");
  const fields = resolveFields(def, fieldsText);
  requireXmlFormat(readChildText(node, "returnFormat"));
  const keys = parseKeys(readChildText(node, "keys"));
  const visible = filterByDocPar(
    def,
    listVisibleRows(ctx.company, def, ctx.locationId),
    readChildText(node, "docparid"),
  );
  const field = keyField(def);
  // With no keys Intacct returns the first 100 records of the object.
  const rows = keys.length === 0 ? visible.slice(0, 100) : keys.flatMap((k) => visible.filter((r) => r[field] === k));
  const includeOwned = (fieldsText ?? "*").trim() === "*" || fieldsText === "";
  // §3 (SDK-PHP ResultTest): read and readByName answer with an UPPERCASE wrapper and listtype, and count only.
  const data = el(
    "data",
    rows.map((row) => renderRecordWithOwned(ctx, def, row, fields, includeOwned)),
    { listtype: def.name, count: rows.length },
  );
  return { payload: [data] };
}

export function read(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  return renderKeyedRead(ctx, node, () => "RECORDNO");
}

export function readByName(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  return renderKeyedRead(ctx, node, (def) => def.key);
}

/** The entities the user can access (docs/intacct/gateway.md §8, LOCATIONENTITY). */
export function readEntityDetails(_node: XmlNode, ctx: FunctionContext): FunctionOutput {
  const def = OBJECTS.LOCATIONENTITY;
  const rows = ctx.company.tables.LOCATIONENTITY.rows.filter(
    (r) => ctx.locationId === "" || r.LOCATIONID === ctx.locationId,
  );
  return {
    payload: [
      el(
        "data",
        rows.map((r) => renderRecord("locationentity", r, def.fields)),
        { listtype: "locationentity", count: rows.length },
      ),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// query (docs/intacct/gateway.md §7 "query (newer)")

type QueryOptions = { caseInsensitive: boolean };

const COMPARISON_OPS: Record<string, string> = {
  equalto: "=",
  notequalto: "!=",
  lessthan: "<",
  lessthanorequalto: "<=",
  greaterthan: ">",
  greaterthanorequalto: ">=",
};

function requireQueryField(def: ObjectDef, node: XmlNode): FieldDef {
  const name = readChildText(node, "field");
  if (name === undefined || name.trim() === "") throw queryError(`Filter '${node.name}' needs a <field>.`);
  const field = findFieldDef(def, name);
  if (!field) throw queryError(`Unknown field '${name}' for object ${def.name}.`);
  return field;
}

/** In `query`, coded fields accept the stored code or the value lookup reports ('T' or 'active') — §7 [I]. */
function normalizeQueryValue(field: FieldDef, raw: string, opts: QueryOptions): number | string {
  if (field.type === "number") {
    const n = Number(raw);
    if (raw.trim() === "" || Number.isNaN(n)) throw queryError(`Invalid number '${raw}' for field ${field.name}.`);
    return n;
  }
  if (field.type === "date" || field.type === "timestamp") {
    const ms = parseIntacctDate(raw);
    if (ms === undefined) throw queryError(`Invalid date '${raw}' for field ${field.name}; expected mm/dd/yyyy.`);
    return ms;
  }
  let value = raw;
  if (field.codes && !(raw in field.codes)) value = toStoredCode(field, raw);
  if (field.type === "boolean") value = raw === "T" ? "true" : raw === "F" ? "false" : raw;
  return opts.caseInsensitive ? value.toLowerCase() : value;
}

function readQueryValue(field: FieldDef, row: Row, opts: QueryOptions): number | string | undefined {
  const raw = row[field.name];
  if (raw === undefined || raw === "") return undefined;
  if (field.type === "number") return Number(raw);
  if (field.type === "date" || field.type === "timestamp") return parseIntacctDate(raw);
  const coded = toStoredCode(field, raw);
  return opts.caseInsensitive ? coded.toLowerCase() : coded;
}

function compareQuery(op: string, a: number | string, b: number | string): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    default:
      return a >= b;
  }
}

function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  const source = [...pattern]
    .map((ch) => (ch === "%" ? "[\\s\\S]*" : ch === "_" ? "[\\s\\S]" : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, caseInsensitive ? "i" : "");
}

function compileFilter(def: ObjectDef, node: XmlNode, opts: QueryOptions): RowPredicate {
  const op = node.name;
  if (op === "and" || op === "or") {
    if (node.children.length < 2) throw queryError(`Filter '${op}' needs at least two conditions.`);
    const parts = node.children.map((c) => compileFilter(def, c, opts));
    return op === "and" ? (row) => parts.every((p) => p(row)) : (row) => parts.some((p) => p(row));
  }
  const field = requireQueryField(def, node);
  const values = findChildren(node, "value").map((v) => v.text);
  const comparison = COMPARISON_OPS[op];
  if (comparison) {
    if (values.length !== 1) throw queryError(`Filter '${op}' needs exactly one <value>.`);
    const literal = normalizeQueryValue(field, values[0] ?? "", opts);
    return (row) => {
      const v = readQueryValue(field, row, opts);
      return v !== undefined && compareQuery(comparison, v, literal);
    };
  }
  switch (op) {
    case "between": {
      if (values.length !== 2) throw queryError("Filter 'between' needs exactly two <value> elements.");
      const low = normalizeQueryValue(field, values[0] ?? "", opts);
      const high = normalizeQueryValue(field, values[1] ?? "", opts);
      return (row) => {
        const v = readQueryValue(field, row, opts);
        return v !== undefined && v >= low && v <= high;
      };
    }
    case "in":
    case "notin": {
      if (values.length < 1 || values.length > 1000)
        throw queryError(`Filter '${op}' needs 1 to 1000 <value> elements.`);
      const set = new Set(values.map((v) => normalizeQueryValue(field, v, opts)));
      const negate = op === "notin";
      return (row) => {
        const v = readQueryValue(field, row, opts);
        return v !== undefined && set.has(v) !== negate;
      };
    }
    case "like":
    case "notlike": {
      if (values.length !== 1) throw queryError(`Filter '${op}' needs exactly one <value>.`);
      const pattern = likePattern(values[0] ?? "", opts.caseInsensitive);
      const negate = op === "notlike";
      return (row) => {
        const raw = row[field.name];
        if (raw === undefined || raw === "") return false;
        return pattern.test(toStoredCode(field, raw)) !== negate;
      };
    }
    case "isnull":
      return (row) => (row[field.name] ?? "") === "";
    case "isnotnull":
      return (row) => (row[field.name] ?? "") !== "";
    default:
      throw queryError(`Unknown filter operator '${op}'.`);
  }
}

type SelectItem = { kind: "field"; field: FieldDef } | { kind: "aggregate"; fn: string; field: FieldDef };
const AGGREGATES = new Set(["count", "sum", "avg", "min", "max"]);

function parseSelect(def: ObjectDef, select: XmlNode | undefined): SelectItem[] {
  if (!select || select.children.length === 0)
    throw queryError("query needs a <select> with at least one field (there is no select-all).");
  return select.children.map((c) => {
    const field = findFieldDef(def, c.text);
    if (!field) throw queryError(`Unknown field '${c.text}' for object ${def.name}.`);
    if (c.name === "field") return { kind: "field", field } as const;
    if (AGGREGATES.has(c.name)) return { kind: "aggregate", fn: c.name, field } as const;
    throw queryError(`Unknown select element '${c.name}'.`);
  });
}

function computeAggregate(fn: string, field: FieldDef, rows: Row[]): string {
  const present = rows.map((r) => r[field.name] ?? "").filter((v) => v !== "");
  if (fn === "count") return String(present.length);
  const nums = present.map(Number).filter((n) => !Number.isNaN(n));
  if (nums.length === 0) return "";
  if (fn === "sum") return String(nums.reduce((a, b) => a + b, 0));
  if (fn === "avg") return String(nums.reduce((a, b) => a + b, 0) / nums.length);
  if (fn === "min") return String(Math.min(...nums));
  return String(Math.max(...nums));
}

function compileOrder(def: ObjectDef, orderby: XmlNode | undefined): ((a: Row, b: Row) => number) | undefined {
  if (!orderby) return undefined;
  const orders = findChildren(orderby, "order").map((o) => {
    const field = requireQueryField(def, o);
    const descending = findChild(o, "descending") !== undefined;
    return { field, sign: descending ? -1 : 1 };
  });
  if (orders.length === 0) return undefined;
  return (a, b) => {
    for (const { field, sign } of orders) {
      const av = a[field.name] ?? "";
      const bv = b[field.name] ?? "";
      let cmp: number;
      if (field.type === "number") cmp = Number(av) - Number(bv);
      else if (field.type === "date" || field.type === "timestamp")
        cmp = (parseIntacctDate(av) ?? 0) - (parseIntacctDate(bv) ?? 0);
      else cmp = av < bv ? -1 : av > bv ? 1 : 0;
      if (cmp !== 0) return cmp * sign;
    }
    return 0;
  };
}

function isSorted(rows: Row[], order: (a: Row, b: Row) => number): boolean {
  for (let index = 1; index < rows.length; index++)
    if (order(rows[index - 1] as Row, rows[index] as Row) > 0) return false;
  return true;
}

export function query(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  const def = requireObject(readChildText(node, "object"));
  const select = parseSelect(def, findChild(node, "select"));
  const options = findChild(node, "options");
  const opts: QueryOptions = { caseInsensitive: readChildText(options, "caseinsensitive")?.trim() === "true" };
  const filterNode = findChild(node, "filter");
  if (filterNode && filterNode.children.length !== 1)
    throw queryError("<filter> takes exactly one top-level operator.");
  const predicate = filterNode?.children[0] ? compileFilter(def, filterNode.children[0], opts) : () => true;
  const pageSize = parsePageSize(readChildText(node, "pagesize"), QUERY_MAX_PAGE, QUERY_DEFAULT_PAGE);
  const offsetText = readChildText(node, "offset");
  const offset = offsetText === undefined || offsetText.trim() === "" ? 0 : Number(offsetText);
  if (!Number.isInteger(offset) || offset < 0)
    throw queryError(`offset must be a non-negative integer; got '${offsetText}'.`);

  // Every offset call is a fresh query with no snapshot (docs/intacct/gateway.md §7).
  let rows = listVisibleRows(ctx.company, def, ctx.locationId).filter(predicate);
  const order = compileOrder(def, findChild(node, "orderby"));
  // Rows are stored in RECORDNO order, so the usual `orderby RECORDNO` finds them sorted: checking that is O(n),
  // sorting 20,000 rows again for every offset page is not. Array.prototype.sort is stable, so skipping it when
  // the rows are already in order returns exactly the same sequence.
  if (order && !isSorted(rows, order)) rows = [...rows].sort(order);

  const aggregates = select.filter((s) => s.kind === "aggregate");
  if (aggregates.length > 0) {
    if (aggregates.length !== select.length)
      throw queryError("Mixing fields and aggregates needs a groupby, which the mock does not support.");
    const record = el(
      def.name,
      select.map((s) =>
        el(
          `${s.kind === "aggregate" ? s.fn.toUpperCase() : ""}.${s.field.name}`,
          s.kind === "aggregate" ? computeAggregate(s.fn, s.field, rows) : "",
        ),
      ),
    );
    return {
      payload: [el("data", [record], { listtype: def.name, totalcount: 1, offset: 0, count: 1, numremaining: 0 })],
    };
  }
  const page = rows.slice(offset, offset + pageSize);
  const fieldNames = select.map((s) => s.field.name);
  const remaining = Math.max(0, rows.length - offset - page.length);
  return {
    payload: [
      el(
        "data",
        page.map((row) => renderRecord(def.name, row, fieldNames)),
        { listtype: def.name, totalcount: rows.length, offset, count: page.length, numremaining: remaining },
      ),
    ],
  };
}
