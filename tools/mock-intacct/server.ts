// The HTTP side: POST /ia/xml/xmlgw.phtml (the gateway, wrapped in fault injection and the per-company
// concurrency limit), /__mock/* (inspection JSON) and / (an HTML viewer laid out like Intacct's menus).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomBytes } from "node:crypto";
import {
  AccountantError,
  runAccountantAction,
  type AccountantAction,
  type AccountantResult,
  type EstimateEntryResult,
} from "./accountant";
import type { ResultSetStore } from "./context";
import { formatTimestamp } from "./dates";
import {
  cloudflare524Page,
  COMPANY_FAULT_KEYS,
  type CompanyFaults,
  createRandom,
  DEFAULT_FAULTS,
  drawFaults,
  htmlPage,
  type FaultConfig,
  type FaultPatch,
} from "./faults";
import { executeGatewayRequest, prepareGatewayRequest, type GatewayDeps, type LoggedFunction } from "./gateway";
import { handleInspection } from "./inspection";
import { createResultSetStore } from "./readers";
import { findObjectDef } from "./schema";
import { buildSeedState, DEMO_CREDENTIALS, type SeedName } from "./seed";
import { SessionStore } from "./sessions";
import { findCompany, listIndexedFields, loadStateFile, warmIndexes, type MockState, type Row } from "./store";
import { answerWithFaultBeforeGateway, rateLimitBody, readBody, send } from "./http-answers";
import { createStatePersistence } from "./persistence";
import { createRequestLog } from "./request-log";
import { renderViewer } from "./viewer";

export const GATEWAY_PATH = "/ia/xml/xmlgw.phtml";
const DEFAULT_SESSION_IDLE_MS = 24 * 60 * 60_000;
/** A hung "commit then drop" socket is destroyed after this long even if the client never gives up. */
const HANG_CAP_MS = 10 * 60_000;

export type MockIntacctOptions = {
  port?: number;
  host?: string;
  latencyMs?: number;
  jitterMs?: number;
  seed?: SeedName;
  stateFile?: string;
  faultSeed?: number;
  sessionIdleMs?: number;
  log?: boolean | ((line: string) => void);
};

export type RequestLogEntry = {
  id: number;
  at: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  companyId: string;
  userId: string;
  controlStatus: string;
  authStatus: string;
  functions: LoggedFunction[];
  /** Injected fault, if any: 429, 502, 503, 500-html, 500-empty, 524, reset, drop, concurrency-429. */
  fault?: string;
  errors: string[];
};

/** A payment applied to a bill: the APPYMT header and its APPYMTDETAIL rows for that bill. */
export type PaymentView = Row & { details: Row[] };

/**
 * A header with every field (flat, UPPERCASE as Intacct names them) plus its lines with their RECORDNOs; a
 * purchasing document also carries its AP bill (or null) and that bill's payments, and a deleted one (listed with
 * includeDeleted) `deleted: true` and `deletedAt`.
 */
export type DocumentView = Row & {
  companyId: string;
  entries: Row[];
  bill?: Row | null;
  payments?: PaymentView[];
  deleted?: boolean;
};
export type EstimateView = Row & { companyId: string; entries: Row[] };
export type ListDocumentsOptions = { includeDeleted?: boolean };

export type MockIntacct = {
  url: string;
  endpoint: string;
  port: number;
  close(): Promise<void>;
  /** Live company data (tests may read or tweak it directly). */
  readonly state: MockState;
  readonly sessions: SessionStore;
  readonly credentials: typeof DEMO_CREDENTIALS;
  /** The whole mock's faults, and under `companies` each company's own (by lower-cased company id). */
  getFaults(): FaultConfig & { companies: Record<string, CompanyFaults> };
  setFaults(patch: FaultPatch): FaultConfig & { companies: Record<string, CompanyFaults> };
  expireSessions(): number;
  reset(): void;
  listDocuments(companyId?: string, options?: ListDocumentsOptions): DocumentView[];
  /** What the accountant does in Intacct (POST /__mock/accountant); throws AccountantError on a refusal. */
  accountant(input: AccountantAction): AccountantResult | EstimateEntryResult;
  listEstimates(companyId?: string): EstimateView[];
  listRequests(): { total: number; counts: Record<string, number>; requests: RequestLogEntry[] };
  clearRequests(): void;
};

/** Everything inspection and the viewer need; internal to the mock. */
export type MockRuntime = MockIntacct & {
  seedName: SeedName;
  upsertRecord(companyId: string | undefined, objectName: string, record: Row, remove?: boolean): Row | undefined;
  scheduleSave(): void;
};

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export async function startMockIntacct(options: MockIntacctOptions = {}): Promise<MockIntacct> {
  const seedName: SeedName = options.seed ?? "demo";
  const initialFaults: FaultConfig = {
    ...DEFAULT_FAULTS,
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    faultSeed: options.faultSeed ?? DEFAULT_FAULTS.faultSeed,
  };
  let faults: FaultConfig = { ...initialFaults };
  // Per-company overrides (by lower-cased company id, as requests are keyed): see COMPANY_FAULT_KEYS.
  const companyFaults = new Map<string, CompanyFaults>();
  const faultsFor = (companyKey: string | undefined): FaultConfig => {
    const own = companyKey ? companyFaults.get(companyKey) : undefined;
    return own ? { ...faults, ...own } : faults;
  };
  let random = createRandom(faults.faultSeed);
  let dropBudget = 0;
  const logLine =
    options.log === true
      ? (line: string) => console.log(line)
      : typeof options.log === "function"
        ? options.log
        : undefined;

  const loaded = options.stateFile ? loadStateFile(options.stateFile) : undefined;
  let state: MockState = loaded?.state ?? buildSeedState(seedName);
  const sessions = new SessionStore(options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS);
  const resultSets: ResultSetStore = createResultSetStore();
  const inFlight = new Map<string, number>();
  const requestLog = createRequestLog(logLine);
  const hangTimers = new Set<NodeJS.Timeout>();

  const persistence = createStatePersistence(options.stateFile, seedName, () => state);
  const { saveNow, scheduleSave } = persistence;
  if (options.stateFile && !loaded) saveNow();
  const recordRequest = requestLog.record;

  async function handleGateway(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const body = await readBody(req);
    const prepared = prepareGatewayRequest(body, sessions);
    const scoped = faultsFor(prepared.companyKey);
    const draw = drawFaults(random, scoped);
    const base = {
      method: "POST",
      path: GATEWAY_PATH,
      companyId: prepared.companyKey ?? "",
      userId: "",
      controlStatus: "",
      authStatus: "",
      functions: [],
      errors: [],
    };
    const finish = (status: number, fault: string | undefined, extra: Partial<RequestLogEntry> = {}) =>
      recordRequest({ ...base, status, durationMs: Date.now() - started, fault, ...extra }, started);

    const companyKey = prepared.companyKey;
    const limit = faults.maxConcurrentPerCompany;
    if (companyKey && limit > 0) {
      const current = inFlight.get(companyKey) ?? 0;
      if (current >= limit) {
        send(res, 429, "text/xml; charset=UTF-8", rateLimitBody());
        finish(429, "concurrency-429");
        return;
      }
      inFlight.set(companyKey, current + 1);
    }
    try {
      await sleep(Math.max(0, scoped.latencyMs + draw.jitter));
      const rayId = randomBytes(8).toString("hex");
      const fault = answerWithFaultBeforeGateway(req, res, draw, scoped, rayId);
      if (fault) return finish(fault === "reset" ? 0 : res.statusCode, fault);

      const endpoint = `http://${req.headers.host ?? `127.0.0.1:${port}`}${GATEWAY_PATH}`;
      // The company's own faults apply inside the gateway too (401 on a bad login, the uniqueid errorno).
      const deps: GatewayDeps = { state, sessions, resultSets, faults: () => scoped };
      const result = executeGatewayRequest(deps, prepared, endpoint);
      if (result.hasWrite) scheduleSave();
      const logged = {
        companyId: result.companyId,
        userId: result.userId,
        controlStatus: result.controlStatus,
        authStatus: result.authStatus,
        functions: result.functions,
        errors: result.errors,
      };
      if (draw.status524) {
        send(res, 524, "text/html", cloudflare524Page(rayId));
        return finish(524, "524", logged);
      }
      const dropByCount = result.hasWrite && dropBudget > 0;
      if (dropByCount || (result.hasWrite && draw.drop)) {
        if (dropByCount) dropBudget--;
        // The write happened; the client never hears about it (docs/intacct/gateway.md §11: a timeout proves nothing).
        if (scoped.dropMode === "reset") req.socket.destroy();
        else {
          const timer = setTimeout(() => {
            hangTimers.delete(timer);
            req.socket.destroy();
          }, HANG_CAP_MS);
          hangTimers.add(timer);
          req.socket.once("close", () => {
            clearTimeout(timer);
            hangTimers.delete(timer);
          });
        }
        return finish(0, "drop", logged);
      }
      send(res, result.status, "text/xml; charset=UTF-8", result.body);
      finish(result.status, undefined, logged);
    } finally {
      if (companyKey && limit > 0) {
        const current = inFlight.get(companyKey) ?? 1;
        if (current <= 1) inFlight.delete(companyKey);
        else inFlight.set(companyKey, current - 1);
      }
    }
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://mock");
    const route = async () => {
      if (url.pathname === GATEWAY_PATH) {
        if (req.method !== "POST") {
          send(res, 405, "text/html", htmlPage(405, "Method Not Allowed", "The XML gateway accepts POST only."));
          return;
        }
        await handleGateway(req, res, started);
        return;
      }
      if (url.pathname.startsWith("/__mock/")) {
        await handleInspection(req, res, url, runtime, readBody);
        return;
      }
      if (url.pathname === "/" && req.method === "GET") {
        send(res, 200, "text/html; charset=UTF-8", renderViewer(runtime, url.searchParams.get("company") ?? undefined));
        return;
      }
      send(res, 404, "text/html", htmlPage(404, "Not Found", "Unknown path."));
    };
    route().catch((err: unknown) => {
      logLine?.(
        `${new Date().toISOString()} internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      if (!res.headersSent) send(res, 500, "text/plain", "mock-intacct internal error");
      else res.destroy();
    });
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;

  const selectCompanies = (companyId: string | undefined) =>
    companyId ? [findCompany(state, companyId)].filter((c) => c !== undefined) : [...state.companies.values()];

  const listEstimates = (companyId: string | undefined): EstimateView[] =>
    selectCompanies(companyId).flatMap((company) =>
      company.tables.PJESTIMATE.rows.map(
        (row) =>
          ({
            companyId: company.companyId,
            ...row,
            entries: company.tables.PJESTIMATEENTRY.findAll("PJESTIMATEKEY", row.RECORDNO ?? "").map((l) => ({
              ...l,
            })),
          }) as unknown as EstimateView,
      ),
    );

  const listDocuments = (companyId: string | undefined, options: ListDocumentsOptions = {}): DocumentView[] =>
    selectCompanies(companyId).flatMap((company) => {
      const t = company.tables;
      const paymentsOf = (bill: Row | undefined): PaymentView[] =>
        bill
          ? t.APPYMTDETAIL.findAll("RECORDKEY", bill.RECORDNO ?? "").flatMap((detail) => {
              const payment = t.APPYMT.findOne("RECORDNO", detail.PAYMENTKEY ?? "");
              return payment ? [{ ...payment, details: [{ ...detail }] } as unknown as PaymentView] : [];
            })
          : [];
      const live = t.PODOCUMENT.rows.map((row) => {
        const bill = row.PRRECORDKEY ? t.APBILL.findOne("RECORDNO", row.PRRECORDKEY) : undefined;
        return {
          companyId: company.companyId,
          ...row,
          entries: t.PODOCUMENTENTRY.findAll("DOCHDRNO", row.RECORDNO ?? "").map((l) => ({ ...l })),
          bill: bill ? { ...bill } : null,
          payments: paymentsOf(bill),
        } as unknown as DocumentView;
      });
      if (!options.includeDeleted) return live;
      const deleted = (company.deletedDocuments ?? []).map(
        (gone) =>
          ({
            companyId: company.companyId,
            ...gone.header,
            entries: gone.entries,
            bill: gone.bill ?? null,
            payments: [],
            deleted: true,
            deletedAt: gone.deletedAt,
          }) as unknown as DocumentView,
      );
      return [...live, ...deleted];
    });

  const runtime: MockRuntime = {
    url,
    endpoint: `${url}${GATEWAY_PATH}`,
    port,
    seedName,
    credentials: DEMO_CREDENTIALS,
    get state() {
      return state;
    },
    sessions,
    getFaults: () => ({
      ...faults,
      expiredCompanies: [...faults.expiredCompanies],
      companies: Object.fromEntries([...companyFaults].map(([company, own]) => [company, { ...own }])),
    }),
    setFaults(patch) {
      if (patch.company !== undefined) {
        const company = patch.company.toLowerCase();
        const own: CompanyFaults = patch.clear ? {} : { ...companyFaults.get(company) };
        for (const key of COMPANY_FAULT_KEYS) if (patch[key] !== undefined) Object.assign(own, { [key]: patch[key] });
        if (Object.keys(own).length === 0) companyFaults.delete(company);
        else companyFaults.set(company, own);
        return runtime.getFaults();
      }
      if (patch.clear) {
        companyFaults.clear();
        faults = { ...initialFaults };
        random = createRandom(faults.faultSeed);
        dropBudget = 0;
      }
      const { expireSessions, seed, sessionIdleMs, commitThenDrop, clear: _clear, ...rest } = patch;
      faults = { ...faults, ...rest };
      if (commitThenDrop !== undefined) {
        if (typeof commitThenDrop === "number") dropBudget = commitThenDrop;
        else {
          if (commitThenDrop.count !== undefined) dropBudget = commitThenDrop.count;
          if (commitThenDrop.rate !== undefined) faults.commitThenDropRate = commitThenDrop.rate;
        }
      }
      faults.commitThenDrop = dropBudget;
      const reseed = seed ?? patch.faultSeed;
      if (reseed !== undefined) {
        faults.faultSeed = reseed;
        random = createRandom(reseed);
      }
      if (sessionIdleMs !== undefined) sessions.idleMs = sessionIdleMs;
      if (expireSessions) sessions.expireAll();
      return runtime.getFaults();
    },
    expireSessions: () => sessions.expireAll(),
    reset() {
      const indexed = listIndexedFields(state);
      state = buildSeedState(seedName);
      warmIndexes(state, indexed);
      // Hand the old state's memory back now (when the mock runs with --expose-gc, as the benchmarks start it),
      // not in a collection during the next request.
      (globalThis as { gc?: () => void }).gc?.();
      sessions.clear();
      sessions.idleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
      resultSets.clear();
      faults = { ...initialFaults };
      companyFaults.clear();
      random = createRandom(faults.faultSeed);
      dropBudget = 0;
      requestLog.clear();
      saveNow();
    },
    listDocuments,
    listEstimates,
    accountant(input) {
      const company = findCompany(state, input.company ?? DEMO_CREDENTIALS.companyId);
      if (!company) throw new AccountantError(404, `Unknown company '${input.company}'.`);
      const result = runAccountantAction(company, input, new Date());
      scheduleSave();
      return result;
    },
    listRequests: requestLog.list,
    clearRequests: requestLog.clear,
    upsertRecord: (companyId, objectName, record, remove) => upsertRecord(state, companyId, objectName, record, remove),
    scheduleSave,
    async close() {
      for (const timer of hangTimers) clearTimeout(timer);
      hangTimers.clear();
      persistence.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
  return runtime;
}

// ---------------------------------------------------------------------------------------------------------------

/** Records whose natural key is only unique within a parent. */
const SCOPED_KEYS: Record<string, string[]> = {
  TASK: ["PROJECTID", "TASKID"],
  COSTTYPE: ["PROJECTID", "TASKID", "COSTTYPEID"],
};

function upsertRecord(
  state: MockState,
  companyId: string | undefined,
  objectName: string,
  record: Row,
  remove?: boolean,
): Row | undefined {
  const company = findCompany(state, companyId ?? DEMO_CREDENTIALS.companyId);
  if (!company) throw new Error(`unknown company ${companyId}`);
  const def = findObjectDef(objectName);
  if (!def) throw new Error(`unknown object ${objectName}`);
  const table = company.tables[def.name];
  const keyFields = SCOPED_KEYS[def.name] ?? [def.key];
  const existing = table.rows.find((r) => keyFields.every((k) => (r[k] ?? "") === (record[k] ?? "")));
  if (remove) {
    if (existing)
      table.replaceAll(
        table.rows.filter((r) => r !== existing),
        table.nextRecordNo,
      );
    return existing;
  }
  const values: Row = {};
  for (const [k, v] of Object.entries(record)) values[k.toUpperCase()] = String(v);
  // Bump WHENMODIFIED so incremental refreshes (WHENMODIFIED > '…') pick the change up.
  values.WHENMODIFIED = values.WHENMODIFIED ?? formatTimestamp(new Date());
  if (existing) {
    Object.assign(existing, values);
    table.touch();
    return existing;
  }
  const row: Row = {};
  for (const f of def.fields) row[f.name] = "";
  Object.assign(row, values);
  delete row.RECORDNO;
  if (!row.WHENCREATED) row.WHENCREATED = row.WHENMODIFIED ?? "";
  if (def.fieldMap.has("STATUS") && !row.STATUS) row.STATUS = "active";
  return table.insert(row);
}
