// In-memory company data, with JSON persistence (--state FILE) and cheap snapshots for transaction="true"
// rollback (docs/intacct/gateway.md §6): only the tables XML writes can touch are copied.
import { readFileSync, writeFileSync, renameSync, existsSync } from "node:fs";
import { OBJECT_NAMES, type ObjectName } from "./schema";

export type Row = Record<string, string>;

export class Table {
  rows: Row[] = [];
  nextRecordNo = 1;
  private version = 0;
  private indexes = new Map<string, { version: number; map: Map<string, Row[]> }>();
  /** The open snapshots' marks; each keeps the original of every row changed in place through update(). */
  private openMarks: TableMark[] = [];

  insert(row: Row): Row {
    if (!row.RECORDNO) row.RECORDNO = String(this.nextRecordNo++);
    else this.nextRecordNo = Math.max(this.nextRecordNo, Number(row.RECORDNO) + 1);
    this.rows.push(row);
    // Keep fresh indexes fresh instead of rebuilding them on the next lookup: a batch of 100 writes would
    // otherwise rebuild every index of a growing table 100 times.
    const fresh = this.version;
    this.version++;
    for (const [field, index] of this.indexes) {
      if (index.version !== fresh) continue;
      index.version = this.version;
      const key = row[field] ?? "";
      const list = index.map.get(key);
      if (list) list.push(row);
      else index.map.set(key, [row]);
    }
    return row;
  }

  /**
   * Changes a row in place. Gateway handlers must use this (not plain assignment) so that an open snapshot can
   * put the row back on rollback without copying the whole table up front.
   */
  update(row: Row, patch: Row): void {
    for (const mark of this.openMarks) {
      const originals = (mark.originals ??= new Map());
      if (!originals.has(row)) originals.set(row, { ...row });
    }
    Object.assign(row, patch);
    // Only the indexes on changed fields go stale (a header's TOTAL must not cost a rebuild of its DOCNO index).
    for (const field in patch) this.indexes.delete(field);
  }

  /** Call after mutating a row in place outside a gateway request (inspection API) so indexes rebuild. */
  touch(): void {
    this.version++;
  }

  /**
   * Drops rows (a deletion). Only outside a gateway request: restore() undoes inserts by truncating, which assumes
   * rows are never removed while a snapshot is open.
   */
  remove(doomed: Iterable<Row>): void {
    const set = new Set(doomed);
    if (set.size === 0) return;
    this.rows = this.rows.filter((row) => !set.has(row));
    this.version++;
  }

  replaceAll(rows: Row[], nextRecordNo: number): void {
    this.rows = rows;
    this.nextRecordNo = nextRecordNo;
    this.version++;
  }

  /** Starts recording in-place changes; returns what restore() needs. */
  mark(): TableMark {
    // The originals map is made on the first update(): a write function takes a mark of every mutable table and
    // changes rows in place in one or two of them.
    const mark: TableMark = {
      table: this,
      rows: this.rows,
      length: this.rows.length,
      nextRecordNo: this.nextRecordNo,
      originals: undefined,
    };
    this.openMarks.push(mark);
    return mark;
  }

  /** Stops recording for a mark (its changes are kept). */
  release(mark: TableMark): void {
    // Marks nest (a function's inside its operation's), so the one released is almost always the newest.
    const last = this.openMarks.length - 1;
    if (this.openMarks[last] === mark) this.openMarks.pop();
    else {
      const at = this.openMarks.indexOf(mark);
      if (at >= 0) this.openMarks.splice(at, 1);
    }
  }

  /** Back to the state at mark(): inserted rows dropped, rows changed in place restored (same objects). */
  restore(mark: TableMark): void {
    this.release(mark);
    for (const [row, original] of mark.originals ?? []) {
      for (const key of Object.keys(row)) if (!(key in original)) delete row[key];
      Object.assign(row, original);
    }
    // Rows are only ever appended inside a request, so dropping the tail undoes the inserts.
    const rows = this.rows === mark.rows ? this.rows : mark.rows;
    rows.length = mark.length;
    this.replaceAll(rows, mark.nextRecordNo);
  }

  findAll(field: string, value: string): Row[] {
    let index = this.indexes.get(field);
    if (!index || index.version !== this.version) {
      const map = new Map<string, Row[]>();
      for (const row of this.rows) {
        const key = row[field] ?? "";
        const list = map.get(key);
        if (list) list.push(row);
        else map.set(key, [row]);
      }
      index = { version: this.version, map };
      this.indexes.set(field, index);
    }
    return index.map.get(value) ?? [];
  }

  findOne(field: string, value: string): Row | undefined {
    return this.findAll(field, value)[0];
  }

  /** The fields lookups have indexed so far (see warmIndexes). */
  indexedFields(): string[] {
    return [...this.indexes.keys()];
  }
}

export type TableMark = {
  table: Table;
  rows: Row[];
  length: number;
  nextRecordNo: number;
  originals: Map<Row, Row> | undefined;
};

export type CompanyUser = { userId: string; password: string };

export type CompanyState = {
  companyId: string;
  /** Companies without Web Services (or without this sender authorised) fail authentication (docs/intacct/gateway.md §4). */
  webServicesEnabled: boolean;
  authorizedSenders: string[];
  users: CompanyUser[];
  tables: Record<ObjectName, Table>;
  /** Function controlids that completed, for uniqueid=true replay refusal (docs/intacct/gateway.md §6). */
  completedControlIds: Set<string>;
  /** Documents the accountant deleted, for GET /__mock/documents?includeDeleted=1 only: the gateway never sees them. */
  deletedDocuments?: DeletedDocument[];
};

export type DeletedDocument = { header: Row; entries: Row[]; bill?: Row; deletedAt: string };

export type Sender = { senderId: string; password: string };

export type MockState = {
  senders: Sender[];
  companies: Map<string, CompanyState>;
};

export function createTables(): Record<ObjectName, Table> {
  const tables = {} as Record<ObjectName, Table>;
  for (const name of OBJECT_NAMES) tables[name] = new Table();
  // Bills and payments number in sequences of their own; starting them apart from the documents' RECORDNOs keeps a
  // client that mixes up a document's RECORDNO and its bill's (PRRECORDKEY) from passing by accident.
  tables.APBILL.nextRecordNo = 9001;
  tables.APPYMT.nextRecordNo = 7001;
  return tables;
}

export function findCompany(state: MockState, companyId: string): CompanyState | undefined {
  return state.companies.get(companyId.trim().toLowerCase());
}

export function addCompany(state: MockState, company: CompanyState): void {
  state.companies.set(company.companyId.toLowerCase(), company);
}

/** Which fields of which company's tables have been looked up: what warmIndexes() rebuilds after a reset. */
export type IndexedFields = Map<string, Map<ObjectName, string[]>>;

export function listIndexedFields(state: MockState): IndexedFields {
  const result: IndexedFields = new Map();
  for (const [key, company] of state.companies) {
    const tables = new Map<ObjectName, string[]>();
    for (const name of OBJECT_NAMES) {
      const fields = company.tables[name].indexedFields();
      if (fields.length > 0) tables.set(name, fields);
    }
    result.set(key, tables);
  }
  return result;
}

/**
 * Builds those indexes now. A database has its indexes before the first query; without this, the first request
 * after a reset pays for indexing 20,000 vendors (≈ 10 ms with the large seed), which a benchmark that resets
 * between phases would count as server time. Results are unchanged: an index is only ever a cache of the rows.
 */
export function warmIndexes(state: MockState, fields: IndexedFields): void {
  for (const [key, tables] of fields) {
    const company = state.companies.get(key);
    if (!company) continue;
    for (const [name, names] of tables) for (const field of names) company.tables[name].findAll(field, "");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Transaction snapshots

const MUTABLE_TABLES: ObjectName[] = [
  "PODOCUMENT",
  "PODOCUMENTENTRY",
  "PJESTIMATE",
  "PJESTIMATEENTRY",
  "PODOCUMENTPARAMS",
  "VENDOR",
  "PROJECT",
  "TASK",
  "COSTTYPE",
  // approve posts a vendor invoice's bill; every document write leaves an audit row.
  "APBILL",
  "AUDITHISTORY",
];
const COMPLETED_IDS_CAP = 200_000;

/**
 * A rollback point. Copying every row of the mutable tables per write function made a 100-invoice request cost
 * O(documents × functions); instead each table remembers its length and the originals of rows changed in place
 * (Table.update), and completed controlids added or evicted since the mark are journaled.
 */
export type CompanySnapshot = {
  marks: TableMark[];
  controlIds: ControlIdJournal;
};

type ControlIdJournal = { added: string[]; evicted: string[] };
const controlIdJournals = new WeakMap<CompanyState, ControlIdJournal[]>();

export function takeSnapshot(company: CompanyState): CompanySnapshot {
  const controlIds: ControlIdJournal = { added: [], evicted: [] };
  let journals = controlIdJournals.get(company);
  if (!journals) controlIdJournals.set(company, (journals = []));
  journals.push(controlIds);
  return { marks: MUTABLE_TABLES.map((name) => company.tables[name].mark()), controlIds };
}

function closeJournal(company: CompanyState, journal: ControlIdJournal): void {
  const journals = controlIdJournals.get(company);
  if (!journals) return;
  // Journals nest like the snapshots that own them: the one closed is almost always the newest.
  if (journals[journals.length - 1] === journal) journals.pop();
  else {
    const at = journals.indexOf(journal);
    if (at >= 0) journals.splice(at, 1);
  }
}

/** The snapshot is no longer needed: keep every change made since it was taken. */
export function releaseSnapshot(company: CompanyState, snapshot: CompanySnapshot): void {
  for (const mark of snapshot.marks) mark.table.release(mark);
  closeJournal(company, snapshot.controlIds);
}

export function restoreSnapshot(company: CompanyState, snapshot: CompanySnapshot): void {
  for (const mark of snapshot.marks) mark.table.restore(mark);
  closeJournal(company, snapshot.controlIds);
  for (const id of snapshot.controlIds.added) company.completedControlIds.delete(id);
  for (const id of snapshot.controlIds.evicted) company.completedControlIds.add(id);
}

export function recordCompletedControlId(company: CompanyState, controlId: string): void {
  const journals = controlIdJournals.get(company) ?? [];
  const isNew = !company.completedControlIds.has(controlId);
  company.completedControlIds.add(controlId);
  if (isNew) for (const journal of journals) journal.added.push(controlId);
  if (company.completedControlIds.size <= COMPLETED_IDS_CAP) return;
  const oldest = company.completedControlIds.values().next().value;
  if (oldest === undefined) return;
  company.completedControlIds.delete(oldest);
  for (const journal of journals) journal.evicted.push(oldest);
}

// ---------------------------------------------------------------------------------------------------------------
// Persistence

type PersistedCompany = Omit<CompanyState, "tables" | "completedControlIds"> & {
  tables: Record<string, { nextRecordNo: number; rows: Row[] }>;
  completedControlIds: string[];
};
type PersistedState = {
  format: "mock-intacct-state";
  version: 1;
  seed: string;
  senders: Sender[];
  companies: PersistedCompany[];
};

export function serializeState(state: MockState, seed: string): string {
  const companies: PersistedCompany[] = [...state.companies.values()].map((c) => {
    const tables: PersistedCompany["tables"] = {};
    for (const name of OBJECT_NAMES)
      tables[name] = { nextRecordNo: c.tables[name].nextRecordNo, rows: c.tables[name].rows };
    return {
      companyId: c.companyId,
      webServicesEnabled: c.webServicesEnabled,
      authorizedSenders: c.authorizedSenders,
      users: c.users,
      tables,
      completedControlIds: [...c.completedControlIds],
      deletedDocuments: c.deletedDocuments ?? [],
    };
  });
  const persisted: PersistedState = {
    format: "mock-intacct-state",
    version: 1,
    seed,
    senders: state.senders,
    companies,
  };
  return JSON.stringify(persisted);
}

export function deserializeState(json: string): { state: MockState; seed: string } {
  const parsed = JSON.parse(json) as PersistedState;
  if (parsed.format !== "mock-intacct-state") throw new Error("not a mock-intacct state file");
  const state: MockState = { senders: parsed.senders, companies: new Map() };
  for (const pc of parsed.companies) {
    const tables = createTables();
    for (const name of OBJECT_NAMES) {
      const t = pc.tables[name];
      if (t) tables[name].replaceAll(t.rows, t.nextRecordNo);
    }
    addCompany(state, {
      companyId: pc.companyId,
      webServicesEnabled: pc.webServicesEnabled,
      authorizedSenders: pc.authorizedSenders,
      users: pc.users,
      tables,
      completedControlIds: new Set(pc.completedControlIds),
      deletedDocuments: pc.deletedDocuments ?? [],
    });
  }
  return { state, seed: parsed.seed };
}

export function loadStateFile(file: string): { state: MockState; seed: string } | undefined {
  if (!existsSync(file)) return undefined;
  return deserializeState(readFileSync(file, "utf8"));
}

/** Writes atomically (temp file + rename) so a crash mid-write never leaves half a demo behind. */
export function saveStateFile(file: string, state: MockState, seed: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, serializeState(state, seed));
  renameSync(tmp, file);
}
