// In-memory company data, with JSON persistence (--state FILE) and cheap snapshots for transaction="true"
// rollback (reference §6): only the tables XML writes can touch are copied.
import { readFileSync, writeFileSync, renameSync, existsSync } from "node:fs";
import { OBJECT_NAMES, type ObjectName } from "./schema";

export type Row = Record<string, string>;

export class Table {
  rows: Row[] = [];
  nextRecordNo = 1;
  private version = 0;
  private indexes = new Map<string, { version: number; map: Map<string, Row[]> }>();

  insert(row: Row): Row {
    if (!row.RECORDNO) row.RECORDNO = String(this.nextRecordNo++);
    else this.nextRecordNo = Math.max(this.nextRecordNo, Number(row.RECORDNO) + 1);
    this.rows.push(row);
    this.version++;
    return row;
  }

  /** Call after mutating a row in place so indexes rebuild. */
  touch(): void {
    this.version++;
  }

  replaceAll(rows: Row[], nextRecordNo: number): void {
    this.rows = rows;
    this.nextRecordNo = nextRecordNo;
    this.version++;
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
}

export type CompanyUser = { userId: string; password: string };

export type CompanyState = {
  companyId: string;
  /** Companies without Web Services (or without this sender authorised) fail authentication (reference §4). */
  webServicesEnabled: boolean;
  authorizedSenders: string[];
  users: CompanyUser[];
  tables: Record<ObjectName, Table>;
  /** Function controlids that completed, for uniqueid=true replay refusal (reference §6). */
  completedControlIds: Set<string>;
};

export type Sender = { senderId: string; password: string };

export type MockState = {
  senders: Sender[];
  companies: Map<string, CompanyState>;
};

export function createTables(): Record<ObjectName, Table> {
  const tables = {} as Record<ObjectName, Table>;
  for (const name of OBJECT_NAMES) tables[name] = new Table();
  return tables;
}

export function findCompany(state: MockState, companyId: string): CompanyState | undefined {
  return state.companies.get(companyId.trim().toLowerCase());
}

export function addCompany(state: MockState, company: CompanyState): void {
  state.companies.set(company.companyId.toLowerCase(), company);
}

// ---------------------------------------------------------------------------------------------------------------
// Transaction snapshots

const MUTABLE_TABLES: ObjectName[] = ["PODOCUMENT", "PODOCUMENTENTRY", "PJESTIMATE", "PJESTIMATEENTRY", "PODOCUMENTPARAMS"];
const COMPLETED_IDS_CAP = 200_000;

export type CompanySnapshot = {
  tables: { name: ObjectName; rows: Row[]; nextRecordNo: number }[];
  completedControlIds: Set<string>;
};

export function takeSnapshot(company: CompanyState): CompanySnapshot {
  return {
    tables: MUTABLE_TABLES.map((name) => ({
      name,
      rows: company.tables[name].rows.map((r) => ({ ...r })),
      nextRecordNo: company.tables[name].nextRecordNo,
    })),
    completedControlIds: new Set(company.completedControlIds),
  };
}

export function restoreSnapshot(company: CompanyState, snapshot: CompanySnapshot): void {
  for (const t of snapshot.tables) company.tables[t.name].replaceAll(t.rows, t.nextRecordNo);
  company.completedControlIds = snapshot.completedControlIds;
}

export function recordCompletedControlId(company: CompanyState, controlId: string): void {
  company.completedControlIds.add(controlId);
  if (company.completedControlIds.size <= COMPLETED_IDS_CAP) return;
  const oldest = company.completedControlIds.values().next().value;
  if (oldest !== undefined) company.completedControlIds.delete(oldest);
}

// ---------------------------------------------------------------------------------------------------------------
// Persistence

type PersistedCompany = Omit<CompanyState, "tables" | "completedControlIds"> & {
  tables: Record<string, { nextRecordNo: number; rows: Row[] }>;
  completedControlIds: string[];
};
type PersistedState = { format: "mock-intacct-state"; version: 1; seed: string; senders: Sender[]; companies: PersistedCompany[] };

export function serializeState(state: MockState, seed: string): string {
  const companies: PersistedCompany[] = [...state.companies.values()].map((c) => {
    const tables: PersistedCompany["tables"] = {};
    for (const name of OBJECT_NAMES) tables[name] = { nextRecordNo: c.tables[name].nextRecordNo, rows: c.tables[name].rows };
    return {
      companyId: c.companyId,
      webServicesEnabled: c.webServicesEnabled,
      authorizedSenders: c.authorizedSenders,
      users: c.users,
      tables,
      completedControlIds: [...c.completedControlIds],
    };
  });
  const persisted: PersistedState = { format: "mock-intacct-state", version: 1, seed, senders: state.senders, companies };
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
