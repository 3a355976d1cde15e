// The readByQuery `query` string: the subset the issue names (= != < > <= >= like, not like, in, not in,
// IS NULL, IS NOT NULL, AND, OR, parentheses, quoted strings with \' escapes, plus bare numbers). Anything else
// fails DL02000001-style, so a client that leans on syntax we do not model finds out here, not in production.
// Values are case-sensitive and coded fields compare by stored code ('T'/'F' for STATUS) — docs/intacct/gateway.md §7.
import { parseIntacctDate } from "./dates";
import { queryError } from "./errors";
import { findFieldDef, toStoredCode, type FieldDef, type ObjectDef } from "./schema";
import type { Row } from "./store";

export type RowPredicate = (row: Row) => boolean;

type Token =
  | { kind: "ident"; value: string; upper: string }
  | { kind: "string"; value: string }
  | { kind: "number"; value: string }
  | { kind: "op"; value: string }
  | { kind: "punct"; value: "(" | ")" | "," };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] ?? "";
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: "punct", value: c });
      i++;
      continue;
    }
    if (c === "'") {
      let value = "";
      i++;
      let closed = false;
      while (i < query.length) {
        const ch = query[i];
        if (ch === "\\" && query[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        if (ch === "'") {
          closed = true;
          i++;
          break;
        }
        value += ch;
        i++;
      }
      if (!closed) throw queryError(`Unterminated string literal in query: ${query}`);
      tokens.push({ kind: "string", value });
      continue;
    }
    const two = query.slice(i, i + 2);
    if (two === "<=" || two === ">=" || two === "!=") {
      tokens.push({ kind: "op", value: two });
      i += 2;
      continue;
    }
    if (two === "<>") throw queryError(`Unsupported operator '<>' in query: ${query}`);
    if (c === "=" || c === "<" || c === ">") {
      tokens.push({ kind: "op", value: c });
      i++;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (num && (c === "-" || /\d/.test(c))) {
      tokens.push({ kind: "number", value: num[0] });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i));
    if (ident) {
      tokens.push({ kind: "ident", value: ident[0], upper: ident[0].toUpperCase() });
      i += ident[0].length;
      continue;
    }
    throw queryError(`Unexpected character '${c}' in query: ${query}`);
  }
  return tokens;
}

const KEYWORDS = new Set(["AND", "OR", "NOT", "LIKE", "IN", "IS", "NULL"]);

type Comparable = { field: FieldDef; literal: string };

function isEmpty(value: string | undefined): boolean {
  return value === undefined || value === "";
}

function likeToRegExp(pattern: string): RegExp {
  let source = "";
  for (const ch of pattern) {
    if (ch === "%") source += "[\\s\\S]*";
    else if (ch === "_") source += "[\\s\\S]";
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Normalises a literal for its field, failing like Intacct on a bad number or date. */
function normalizeLiteral({ field, literal }: Comparable, query: string): number | string {
  if (field.type === "number") {
    const n = Number(literal);
    if (literal.trim() === "" || Number.isNaN(n))
      throw queryError(`Invalid number '${literal}' for field ${field.name} in query: ${query}`);
    return n;
  }
  if (field.type === "date" || field.type === "timestamp") {
    const ms = parseIntacctDate(literal);
    if (ms === undefined)
      throw queryError(`Invalid date '${literal}' for field ${field.name}; expected mm/dd/yyyy in query: ${query}`);
    return ms;
  }
  if (field.type === "boolean") {
    if (literal === "T") return "true";
    if (literal === "F") return "false";
    return literal;
  }
  return literal;
}

function readComparableValue(field: FieldDef, row: Row): number | string | undefined {
  const raw = row[field.name];
  if (isEmpty(raw)) return undefined;
  const value = raw as string;
  if (field.type === "number") return Number(value);
  if (field.type === "date" || field.type === "timestamp") return parseIntacctDate(value);
  return toStoredCode(field, value);
}

function compareValues(op: string, a: number | string, b: number | string): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
    default:
      return false;
  }
}

class QueryParser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly def: ObjectDef,
    private readonly query: string,
  ) {}

  parse(): RowPredicate {
    const predicate = this.parseOr();
    if (this.pos < this.tokens.length) this.fail(`unexpected '${this.tokens[this.pos]?.value ?? ""}'`);
    return predicate;
  }

  private fail(reason: string): never {
    throw queryError(`Invalid query (${reason}): ${this.query}`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) this.fail("unexpected end of query");
    return t;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t?.kind === "ident" && t.upper === word;
  }

  private parseOr(): RowPredicate {
    const parts = [this.parseAnd()];
    while (this.isKeyword("OR")) {
      this.pos++;
      parts.push(this.parseAnd());
    }
    if (parts.length === 1) return parts[0] as RowPredicate;
    return (row) => parts.some((p) => p(row));
  }

  private parseAnd(): RowPredicate {
    const parts = [this.parsePrimary()];
    while (this.isKeyword("AND")) {
      this.pos++;
      parts.push(this.parsePrimary());
    }
    if (parts.length === 1) return parts[0] as RowPredicate;
    return (row) => parts.every((p) => p(row));
  }

  private parsePrimary(): RowPredicate {
    const t = this.next();
    if (t.kind === "punct" && t.value === "(") {
      const inner = this.parseOr();
      const close = this.next();
      if (close.kind !== "punct" || close.value !== ")") this.fail("missing ')'");
      return inner;
    }
    if (t.kind !== "ident" || KEYWORDS.has(t.upper)) this.fail(`expected a field name, got '${t.value}'`);
    const field = findFieldDef(this.def, t.value);
    if (!field) throw queryError(`Unknown field '${t.value}' for object ${this.def.name} in query: ${this.query}`);
    return this.parseCondition(field);
  }

  private readLiteral(): string {
    const t = this.next();
    if (t.kind === "string" || t.kind === "number") return t.value;
    this.fail(`expected a quoted value, got '${t.value}'`);
  }

  private parseCondition(field: FieldDef): RowPredicate {
    const t = this.next();
    if (t.kind === "op") {
      const literal = normalizeLiteral({ field, literal: this.readLiteral() }, this.query);
      const op = t.value;
      return (row) => {
        const value = readComparableValue(field, row);
        return value !== undefined && compareValues(op, value, literal);
      };
    }
    if (t.kind !== "ident") this.fail(`expected an operator after ${field.name}`);
    let negate = false;
    let word = t.upper;
    if (word === "IS") {
      const maybeNot = this.next();
      let nullWord = maybeNot;
      if (maybeNot.kind === "ident" && maybeNot.upper === "NOT") {
        negate = true;
        nullWord = this.next();
      }
      if (nullWord.kind !== "ident" || nullWord.upper !== "NULL") this.fail("IS must be followed by NULL or NOT NULL");
      return (row) => isEmpty(row[field.name]) !== negate;
    }
    if (word === "NOT") {
      negate = true;
      const following = this.next();
      if (following.kind !== "ident") this.fail("NOT must be followed by LIKE or IN");
      word = following.upper;
    }
    if (word === "LIKE") {
      const pattern = likeToRegExp(String(this.readLiteral()));
      return (row) => {
        const value = readComparableValue(field, row);
        if (value === undefined) return false;
        const text =
          field.type === "number" || field.type === "date" || field.type === "timestamp"
            ? (row[field.name] ?? "")
            : String(value);
        return pattern.test(text) !== negate;
      };
    }
    if (word === "IN") {
      const open = this.next();
      if (open.kind !== "punct" || open.value !== "(") this.fail("IN must be followed by a list in parentheses");
      const values: (number | string)[] = [];
      for (;;) {
        values.push(normalizeLiteral({ field, literal: this.readLiteral() }, this.query));
        const sep = this.next();
        if (sep.kind === "punct" && sep.value === ")") break;
        if (sep.kind !== "punct" || sep.value !== ",") this.fail("expected ',' or ')' in IN list");
      }
      const set = new Set(values);
      return (row) => {
        const value = readComparableValue(field, row);
        return value !== undefined && set.has(value) !== negate;
      };
    }
    this.fail(`unsupported operator '${t.value}'`);
  }
}

const compiled = new Map<string, RowPredicate>();

/** Compiles (and caches) a readByQuery query string for an object. An empty query matches every row. */
export function compileQueryString(def: ObjectDef, query: string): RowPredicate {
  const trimmed = query.trim();
  if (trimmed === "") return () => true;
  const cacheKey = `${def.name}\u0000${trimmed}`;
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  const predicate = new QueryParser(tokenize(trimmed), def, trimmed).parse();
  if (compiled.size > 1_000) compiled.clear();
  compiled.set(cacheKey, predicate);
  return predicate;
}
