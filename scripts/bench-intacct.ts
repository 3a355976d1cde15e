/**
 * npm run bench:intacct — lib/intacct vs the official @intacct/intacct-sdk against the mock Intacct (150 ms latency).
 *
 *   (1) 500 vendor invoices: runBatched (100 per request, 2 concurrent) vs one SDK execute() per invoice,
 *       vs the same requests replayed byte for byte by a bare client (the floor measured in the run, the mock's own
 *       time included), and vs the computed round-trip floor latency × ⌈500 / 100⌉ / 2. Median of BENCH_WRITE_RUNS.
 *   (2) 20,000 vendors (seed "large"): listVendors (query, 2000 per page, 2 pages in flight) vs the SDK's
 *       readByQuery/readMore loop (1000 per page, its maximum) vs the floor latency × ⌈N / 2000⌉ / 2.
 *   (3) CPU per function to build the request and parse the response, both libraries in this one process, on the
 *       same captured mock responses; and what zod, XMLBuilder and XMLParser cost alone for the same work.
 *
 * The mock runs in a child process so its CPU does not steal time from the clients being measured. Sessions and
 * connections are warmed before timing (a long-running sync reuses both); cold figures are printed too.
 * Env: BENCH_LATENCY_MS (150), BENCH_INVOICES (500), BENCH_SDK_INVOICES (500; lower it only for quick local runs —
 * the SDK loop is then extrapolated and the JSON says so), BENCH_WRITE_RUNS (5).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as IA from "@intacct/intacct-sdk";
import { XMLParser } from "fast-xml-parser";
import { writeFunctionsWithXmlBuilder } from "./lib/reference-xml";
import { DEMO_CREDENTIALS } from "../tools/mock-intacct/index";
import { startMockProcess } from "./lib/mock-process";
import {
  buildCreateVendorInvoice,
  closeIntacctConnections,
  createIntacctClient,
  createMemorySessionCache,
  type TransportRequest,
} from "@/lib/intacct";
import { VENDOR_LIST } from "@/lib/intacct/functions/list-functions";
import { ZVendorInvoiceInput } from "@/lib/intacct/functions/purchasing";
import { sendWithUndici } from "@/lib/intacct/transport";
import { buildRequestXml, writeFunctions } from "@/lib/intacct/xml-build";
import { parseResponseXml } from "@/lib/intacct/xml-parse";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 500);
const SDK_INVOICES = Math.min(INVOICES, Number(process.env.BENCH_SDK_INVOICES ?? INVOICES));
const BATCH_SIZE = 100;
const CONCURRENCY = 2;
const QUERY_PAGE_SIZE = 2000;
const SDK_PAGE_SIZE = 1000;
const CREDENTIALS = DEMO_CREDENTIALS;
const VENDOR_FIELDS = [...VENDOR_LIST.fields];
const RUN_ID = Date.now().toString(36);
// Runs of (1): one 500 ms run on a shared 2-core machine varies by ±5%, so the median of several counts.
const WRITE_RUNS = Math.max(1, Number(process.env.BENCH_WRITE_RUNS ?? 5));
const RESULT_SUCCESS = /<result>\s*<status>success<\/status>/g;
const SESSION_ID = /<sessionid>([^<]+)<\/sessionid>/;

// The SDK refuses hosts outside *.intacct.com (docs/intacct/gateway.md §1); the bench talks to 127.0.0.1.
(IA.Credentials.Endpoint as unknown as { isDomainValid: (host: string) => boolean }).isDomainValid = () => true;

// ─── mock process ────────────────────────────────────────────────────────────────────────────────────────────

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────

const invoiceInput = (prefix: string, index: number) => ({
  controlId: `bench-${RUN_ID}-${prefix}-${index}`,
  dateCreated: "2025-03-10",
  dateDue: "2025-04-30",
  vendorId: "V-1001",
  documentNo: `B${RUN_ID}-${prefix}-${index}`,
  vendorDocNo: `ACME-${index}`,
  lines: [
    {
      itemId: "SUBCONTRACT",
      quantity: 1,
      price: "100.00",
      locationId: "E100",
      projectId: "P-1001",
      memo: `Pay app ${index} – Café & Co`,
    },
  ],
});

function buildSdkInvoice(prefix: string, index: number): IA.Functions.Purchasing.PurchasingTransactionCreate {
  const input = invoiceInput(prefix, index);
  const fn = new IA.Functions.Purchasing.PurchasingTransactionCreate(input.controlId);
  fn.transactionDefinition = "Vendor Invoice";
  fn.transactionDate = new Date(Date.UTC(2025, 2, 10));
  // The same due date as ours (invoiceInput): Intacct refuses a create without datedue or termname.
  fn.dueDate = new Date(Date.UTC(2025, 3, 30));
  fn.vendorId = input.vendorId;
  fn.documentNumber = input.documentNo;
  fn.vendorDocNumber = input.vendorDocNo;
  const line = new IA.Functions.Purchasing.PurchasingTransactionLineCreate();
  const [source] = input.lines;
  line.itemId = source?.itemId ?? "";
  line.quantity = 1;
  line.price = 100;
  line.locationId = "E100";
  line.projectId = "P-1001";
  line.memo = source?.memo ?? "";
  fn.lines = [line];
  return fn;
}

function createSdkClient(endpoint: string): IA.OnlineClient {
  const config = new IA.ClientConfig();
  config.endpointUrl = endpoint;
  config.senderId = CREDENTIALS.senderId;
  config.senderPassword = CREDENTIALS.senderPassword;
  config.companyId = CREDENTIALS.companyId;
  config.userId = CREDENTIALS.userId;
  config.userPassword = CREDENTIALS.userPassword;
  return new IA.OnlineClient(config);
}

type MockRequestLogEntry = { durationMs: number; functions: { function: string; object: string }[] };

/** Server-side time per request (the mock's duration minus its injected latency), from its request log. */
async function findServerTimes(mockUrl: string, match: (request: MockRequestLogEntry) => boolean): Promise<number> {
  const log = (await (await fetch(`${mockUrl}/__mock/requests?limit=2000`)).json()) as {
    requests: MockRequestLogEntry[];
  };
  const times = log.requests.filter(match).map((request) => request.durationMs - LATENCY_MS);
  return times.length === 0 ? 0 : times.reduce((sum, time) => sum + time, 0) / times.length;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
};

/**
 * Sends recorded request bodies in their order, `CONCURRENCY` in flight, through the same undici pool as lib/intacct
 * and nothing else: no building, no parsing beyond counting the successes it must see.
 */
async function replayRequests(url: string, bodies: string[], expectedSuccesses: number): Promise<number> {
  let next = 0;
  let successes = 0;
  const signal = new AbortController().signal;
  const headers = { "content-type": "application/xml; charset=utf-8" };
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let body = bodies[next++]; body !== undefined; body = bodies[next++]) {
        const response = await sendWithUndici({ url, body, headers, signal });
        successes += response.body.match(RESULT_SUCCESS)?.length ?? 0;
      }
    }),
  );
  const replayMs = elapsed(started);
  if (successes !== expectedSuccesses) throw new Error(`the replay created ${successes}/${expectedSuccesses}`);
  return replayMs;
}

/** A full garbage collection, without asking the caller to start node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

const elapsed = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * CPU µs per unit for each case (user+system of this process). Cases run interleaved, several trials each after a
 * JIT warm-up, and the best trial counts: the machine is shared, and noise only ever adds time.
 */
function measureCpu(
  cases: Record<string, { work: () => number; iterations: number }>,
  trials = 7,
): Record<string, number> {
  const best: Record<string, number> = {};
  for (const { work, iterations } of Object.values(cases)) for (let i = 0; i < iterations * 2; i++) work();
  for (let trial = 0; trial < trials; trial++) {
    for (const [name, { work, iterations }] of Object.entries(cases)) {
      let units = 0;
      const before = process.cpuUsage();
      for (let i = 0; i < iterations; i++) units += work();
      const used = process.cpuUsage(before);
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, (used.user + used.system) / units);
    }
  }
  return best;
}

// ─── main ────────────────────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const mock = await startMockProcess({ latencyMs: LATENCY_MS, seed: "large" });
  const captured: { invoiceBatch?: string; vendorPage?: string } = {};
  // The write requests of one measured run, as sent, and the session they carry: replayed byte for byte below.
  const recording: { on: boolean; bodies: string[]; sessionId?: string } = { on: false, bodies: [] };
  try {
    const capturingTransport = async (request: TransportRequest) => {
      if (recording.on && request.body.includes("<create_potransaction>")) recording.bodies.push(request.body);
      const response = await sendWithUndici(request);
      const sessionId = SESSION_ID.exec(response.body)?.[1];
      if (sessionId) recording.sessionId = sessionId;
      if (
        !captured.invoiceBatch &&
        request.body.includes("<create_potransaction>") &&
        (request.body.match(/<function /g) ?? []).length === BATCH_SIZE
      ) {
        captured.invoiceBatch = response.body;
      }
      return response;
    };
    const retries: string[] = [];
    const noop = () => {};
    const logger = {
      debug: noop,
      info: noop,
      error: noop,
      warn: (object: Record<string, unknown>, message?: string) =>
        void retries.push(`${message}: ${JSON.stringify(object.error)}`),
    };
    const intacct = createIntacctClient({
      endpointUrl: mock.endpoint,
      ...CREDENTIALS,
      sessionCache: createMemorySessionCache(),
      transport: capturingTransport,
      logger,
    });
    const sdk = createSdkClient(mock.endpoint);

    // Cold: the first request of each client (session login + TCP for ours, a login-auth request for the SDK).
    let started = process.hrtime.bigint();
    await intacct.openSession();
    const coldSessionMs = elapsed(started);
    const probe = new IA.Functions.Common.ReadByQuery();
    probe.objectName = "VENDOR";
    probe.fields = ["VENDORID"];
    probe.pageSize = 1;
    started = process.hrtime.bigint();
    await sdk.execute(probe);
    const sdkColdMs = elapsed(started);

    // Warm the mock (its JIT) and the connection pool on both paths before timing anything; a real Intacct is warm.
    await intacct.runBatched(
      Array.from({ length: 2 * BATCH_SIZE }, (_, index) => buildCreateVendorInvoice(invoiceInput("warm", index))),
      { batchSize: BATCH_SIZE },
    );
    for await (const page of intacct.listVendors({ pageSize: QUERY_PAGE_SIZE, expectMultiplePages: true })) void page;
    captured.invoiceBatch = undefined;
    // Each measured run starts from the seed (the mock's per-write cost grows with the number of stored documents)
    // with a fresh session (a reset drops ours) and an empty request log.
    const startFromSeed = async () => {
      await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
      await intacct.openSession({ force: true });
      // Each run starts from the same heap on both sides: ours collected now, the mock's given a moment.
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await fetch(`${mock.url}/__mock/requests/clear`, { method: "POST" });
    };
    const isInvoiceBatch = (request: MockRequestLogEntry) =>
      request.functions.length === BATCH_SIZE && request.functions[0]?.function === "create_potransaction";

    // (1) writes ───────────────────────────────────────────────────────────────────────────────────────────────
    // WRITE_RUNS runs of 500 invoices, each followed by a replay: the same requests, byte for byte, sent by a bare
    // HTTP client on the same connection pool with the same 2 in flight and no CPU work of its own. The replay is
    // the floor measured in the same run, the mock's own time included; ours minus it is what lib/intacct adds.
    process.stderr.write(`(1) ${INVOICES} vendor invoices with lib/intacct, ${WRITE_RUNS} runs, each replayed…\n`);
    const writeRuns: { oursMs: number; replayMs: number; serverMs: number }[] = [];
    retries.length = 0;
    for (let run = 0; run < WRITE_RUNS; run++) {
      await startFromSeed();
      recording.on = true;
      recording.bodies = [];
      started = process.hrtime.bigint();
      // Built one batch at a time (a lazy source): the first request leaves once 100 bodies are built, not 500.
      const outcomes = await intacct.runBatched(
        { count: INVOICES, build: (index) => buildCreateVendorInvoice(invoiceInput(`ours${run}`, index)) },
        { batchSize: BATCH_SIZE, concurrency: CONCURRENCY },
      );
      const oursMs = elapsed(started);
      recording.on = false;
      const serverMs = await findServerTimes(mock.url, isInvoiceBatch);
      const oursDone = outcomes.filter((outcome) => outcome.status === "done").length;
      if (oursDone !== INVOICES)
        throw new Error(
          `lib/intacct created ${oursDone}/${INVOICES}: ${JSON.stringify(outcomes.find((outcome) => outcome.status !== "done"))}`,
        );
      const ourSessionId = SESSION_ID.exec(recording.bodies[0] ?? "")?.[1];
      await startFromSeed();
      if (!ourSessionId || !recording.sessionId) throw new Error("the write run's session id was not captured");
      const replayMs = await replayRequests(
        mock.endpoint,
        recording.bodies.map((body) => body.replace(ourSessionId, recording.sessionId ?? "")),
        INVOICES,
      );
      writeRuns.push({ oursMs, replayMs, serverMs });
    }
    const oursWriteMs = median(writeRuns.map((run) => run.oursMs));
    const replayWriteMs = median(writeRuns.map((run) => run.replayMs));
    const serverWriteMs = median(writeRuns.map((run) => run.serverMs));
    const oursVsReplay = median(writeRuns.map((run) => run.oursMs / run.replayMs));

    process.stderr.write(
      `(1) ${SDK_INVOICES} vendor invoices with the SDK, one execute() each (~${Math.round((SDK_INVOICES * LATENCY_MS) / 1000)} s)…\n`,
    );
    started = process.hrtime.bigint();
    for (let index = 0; index < SDK_INVOICES; index++) await sdk.execute(buildSdkInvoice("sdk", index));
    const sdkWriteMeasuredMs = elapsed(started);
    const sdkWriteMs = (sdkWriteMeasuredMs * INVOICES) / SDK_INVOICES;
    const writeFloorMs = (LATENCY_MS * Math.ceil(INVOICES / BATCH_SIZE)) / CONCURRENCY;

    // (2) reads ────────────────────────────────────────────────────────────────────────────────────────────────
    process.stderr.write("(2) all vendors with lib/intacct (query, offset pages)…\n");
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeapDelta = 0;
    let oursVendors = 0;
    started = process.hrtime.bigint();
    for await (const page of intacct.listVendors({
      pageSize: QUERY_PAGE_SIZE,
      concurrency: CONCURRENCY,
      expectMultiplePages: true,
    })) {
      oursVendors += page.length;
      peakHeapDelta = Math.max(peakHeapDelta, process.memoryUsage().heapUsed - heapBefore);
    }
    const oursReadMs = elapsed(started);

    process.stderr.write("(2) all vendors with the SDK (readByQuery + readMore)…\n");
    let sdkVendors = 0;
    started = process.hrtime.bigint();
    const first = new IA.Functions.Common.ReadByQuery();
    first.objectName = "VENDOR";
    first.fields = VENDOR_FIELDS;
    first.pageSize = SDK_PAGE_SIZE;
    let result = (await sdk.execute(first)).getResult();
    sdkVendors += result.data.length;
    while (result.numRemaining > 0) {
      const more = new IA.Functions.Common.ReadMore();
      more.resultId = result.resultId;
      result = (await sdk.execute(more)).getResult();
      sdkVendors += result.data.length;
    }
    const sdkReadMs = elapsed(started);
    if (oursVendors !== sdkVendors) throw new Error(`vendor counts differ: ours ${oursVendors}, SDK ${sdkVendors}`);
    const serverReadMs = await findServerTimes(
      mock.url,
      (request) => request.functions[0]?.function === "query" && request.functions[0]?.object === "VENDOR",
    );
    const readFloorMs = (LATENCY_MS * Math.ceil(oursVendors / QUERY_PAGE_SIZE)) / CONCURRENCY;

    // A 1000-vendor readByQuery page, the shape both libraries can parse, for (3).
    const pageRequest = await fetch(mock.endpoint, {
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: buildRequestXml({
        senderId: CREDENTIALS.senderId,
        senderPassword: CREDENTIALS.senderPassword,
        controlId: "bench-page",
        uniqueId: false,
        transaction: false,
        authentication: {
          login: { userId: CREDENTIALS.userId, companyId: CREDENTIALS.companyId, password: CREDENTIALS.userPassword },
        },
        functions: [
          {
            controlId: "page",
            body: {
              readByQuery: {
                object: "VENDOR",
                fields: VENDOR_FIELDS.join(","),
                query: "",
                pagesize: String(SDK_PAGE_SIZE),
                returnFormat: "xml",
              },
            },
          },
        ],
      }),
    });
    captured.vendorPage = await pageRequest.text();

    // (3) CPU ──────────────────────────────────────────────────────────────────────────────────────────────────
    process.stderr.write("(3) CPU per function, build + parse, same process…\n");
    const invoiceBatch = captured.invoiceBatch;
    const vendorPage = captured.vendorPage;
    if (!invoiceBatch || !vendorPage) throw new Error("responses for the CPU comparison were not captured");
    const sdkConfig = sdk.config;
    const sdkRequestConfig = new IA.RequestConfig();
    const ourSession = { sessionId: "bench-session-id.." };

    // What the libraries still on the path cost on their own for the same work (zod on the same inputs, a bare
    // XMLParser with the cheapest options measured on the same response), and the function bodies written by our
    // writer next to XMLBuilder writing the same 100 functions with its own escaping (the reference the tests hold
    // the writer to): the row that shows why the bodies no longer go through XMLBuilder.
    const bareParser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      parseTagValue: false,
      jPath: false,
    } as ConstructorParameters<typeof XMLParser>[0]);
    const readyFunctions = Array.from({ length: BATCH_SIZE }, (_, index) =>
      buildCreateVendorInvoice(invoiceInput("cpu", index)),
    );
    if (writeFunctions(readyFunctions) !== writeFunctionsWithXmlBuilder(readyFunctions))
      throw new Error("the writer and XMLBuilder disagree");
    // (1) and (2) leave tens of MB of garbage behind; collect it now, so V8's background marking of it is not
    // counted (cpuUsage counts every thread) against whichever case happens to run while it finishes.
    collectGarbage();
    const cpu = measureCpu({
      zodOnly: {
        iterations: 20,
        work: () => {
          for (let index = 0; index < BATCH_SIZE; index++) ZVendorInvoiceInput.parse(invoiceInput("cpu", index));
          return BATCH_SIZE;
        },
      },
      writerOnly: { iterations: 20, work: () => (writeFunctions(readyFunctions), BATCH_SIZE) },
      xmlBuilderOnly: { iterations: 20, work: () => (writeFunctionsWithXmlBuilder(readyFunctions), BATCH_SIZE) },
      parserOnly: { iterations: 40, work: () => (bareParser.parse(invoiceBatch), BATCH_SIZE) },
      oursBuild: {
        iterations: 20,
        work: () => {
          const functions = Array.from({ length: BATCH_SIZE }, (_, index) =>
            buildCreateVendorInvoice(invoiceInput("cpu", index)),
          );
          buildRequestXml({
            senderId: CREDENTIALS.senderId,
            senderPassword: CREDENTIALS.senderPassword,
            controlId: "cpu",
            uniqueId: true,
            transaction: false,
            authentication: ourSession,
            functions,
          });
          return BATCH_SIZE;
        },
      },
      sdkBuild: {
        iterations: 20,
        work: () => {
          const functions = Array.from({ length: BATCH_SIZE }, (_, index) => buildSdkInvoice("cpu", index));
          new IA.Xml.RequestBlock(sdkConfig, sdkRequestConfig, functions).writeXml();
          return BATCH_SIZE;
        },
      },
      oursParse: {
        iterations: 40,
        work: () => {
          const parsed = parseResponseXml(invoiceBatch);
          let keys = 0;
          for (const item of parsed.results) if (item.status === "success" && item.key) keys += 1;
          if (keys !== BATCH_SIZE) throw new Error("parse mismatch");
          return BATCH_SIZE;
        },
      },
      sdkParse: {
        iterations: 40,
        work: () => {
          const response = new IA.Xml.OnlineResponse(invoiceBatch);
          let keys = 0;
          for (const item of response.results) if (item.status === "success" && item.key) keys += 1;
          if (keys !== BATCH_SIZE) throw new Error("parse mismatch");
          return BATCH_SIZE;
        },
      },
      oursRecord: {
        iterations: 4,
        work: () => (parseResponseXml(vendorPage).results[0]?.data?.records ?? []).map(VENDOR_LIST.map).length,
      },
      sdkRecord: { iterations: 4, work: () => new IA.Xml.OnlineResponse(vendorPage).getResult().data.length },
    });
    const oursBuild = cpu.oursBuild ?? Number.NaN;
    const sdkBuild = cpu.sdkBuild ?? Number.NaN;
    const oursParse = cpu.oursParse ?? Number.NaN;
    const sdkParse = cpu.sdkParse ?? Number.NaN;
    const oursRecord = cpu.oursRecord ?? Number.NaN;
    const sdkRecord = cpu.sdkRecord ?? Number.NaN;
    const zodOnly = cpu.zodOnly ?? Number.NaN;
    const writerOnly = cpu.writerOnly ?? Number.NaN;
    const xmlBuilderOnly = cpu.xmlBuilderOnly ?? Number.NaN;
    const parserOnly = cpu.parserOnly ?? Number.NaN;
    const librariesOnly = zodOnly + parserOnly;

    // ─── report ─────────────────────────────────────────────────────────────────────────────────────────────────
    const oursCpu = oursBuild + oursParse;
    const sdkCpu = sdkBuild + sdkParse;
    const figures = {
      latencyMs: LATENCY_MS,
      writes: {
        invoices: INVOICES,
        batchSize: BATCH_SIZE,
        concurrency: CONCURRENCY,
        oursMs: round(oursWriteMs),
        oursRunsMs: writeRuns.map((run) => round(run.oursMs)),
        replayMs: round(replayWriteMs),
        replayRunsMs: writeRuns.map((run) => round(run.replayMs)),
        oursVsReplay: round(oursVsReplay, 2),
        replayVsFloor: round(replayWriteMs / writeFloorMs, 2),
        sdkMs: round(sdkWriteMs),
        sdkMeasuredInvoices: SDK_INVOICES,
        sdkExtrapolated: SDK_INVOICES !== INVOICES,
        floorMs: round(writeFloorMs),
        oursVsFloor: round(oursWriteMs / writeFloorMs, 2),
        sdkVsOurs: round(sdkWriteMs / oursWriteMs, 1),
        minimumRoundTrips: Math.ceil(Math.ceil(INVOICES / BATCH_SIZE) / CONCURRENCY),
        mockServerMsPerBatch: round(serverWriteMs),
        // The computed floor's ≤ 1.3× was the target until the replay measured the floor in the run itself
        // (docs/decisions/0004-write-benchmark-floor.md); it is still printed, as information.
        computedFloorWithin1_3: oursWriteMs <= 1.3 * writeFloorMs,
        targets: { oursVsReplayMax: 1.05, sdkVsOursMin: 20 },
      },
      reads: {
        vendors: oursVendors,
        oursPageSize: QUERY_PAGE_SIZE,
        sdkPageSize: SDK_PAGE_SIZE,
        oursMs: round(oursReadMs),
        sdkMs: round(sdkReadMs),
        floorMs: round(readFloorMs),
        oursVsFloor: round(oursReadMs / readFloorMs, 2),
        sdkVsOurs: round(sdkReadMs / oursReadMs, 1),
        oursPeakHeapDeltaMb: round(peakHeapDelta / 1e6),
        mockServerMsPerPage: round(serverReadMs),
        targets: { oursVsFloorMax: 1.5, sdkVsOursMin: 2 },
      },
      cpu: {
        unit: "µs per function",
        oursBuildUs: round(oursBuild),
        oursParseUs: round(oursParse),
        oursTotalUs: round(oursCpu),
        sdkBuildUs: round(sdkBuild),
        sdkParseUs: round(sdkParse),
        sdkTotalUs: round(sdkCpu),
        oursVsSdk: round(oursCpu / sdkCpu, 2),
        /** zod + XMLParser alone on the same work: the part of oursTotalUs no code of ours can remove. */
        prescribedLibrariesUs: round(librariesOnly),
        prescribedLibraries: { zodUs: round(zodOnly), xmlParserUs: round(parserOnly) },
        prescribedLibrariesVsSdk: round(librariesOnly / sdkCpu, 2),
        /** The 100 function bodies alone (no zod, no envelope): our writer vs XMLBuilder writing the same XML. */
        functionBodies: {
          writerUs: round(writerOnly, 2),
          xmlBuilderUs: round(xmlBuilderOnly, 2),
          writerVsXmlBuilder: round(writerOnly / xmlBuilderOnly, 2),
        },
        perVendorRecordParse: {
          oursUs: round(oursRecord, 2),
          sdkUs: round(sdkRecord, 2),
          oursVsSdk: round(oursRecord / sdkRecord, 2),
        },
        targets: { oursVsSdkMax: 0.5 },
      },
      cold: { oursSessionLoginMs: round(coldSessionMs), sdkFirstRequestMs: round(sdkColdMs) },
      oursRetries: retries.length,
    };
    const pass = {
      // Unrounded ratios: 1.304× is a miss even though the table prints 1.3×.
      writesVsReplay: oursVsReplay <= 1.05,
      writesVsSdk: sdkWriteMs >= 20 * oursWriteMs,
      readsFloor: oursReadMs <= 1.5 * readFloorMs,
      readsVsSdk: sdkReadMs >= 2 * oursReadMs,
      cpuVsSdk: oursCpu <= 0.5 * sdkCpu,
    };
    const mark = (ok: boolean) => (ok ? "✓" : "✗");
    const rows: [string, string, string, string, string][] = [
      ["benchmark", "lib/intacct", "@intacct/intacct-sdk", "floor", "ratios (target)"],
      [
        `(1) ${INVOICES} vendor invoices`,
        `${figures.writes.oursMs} ms`,
        `${figures.writes.sdkMs} ms${figures.writes.sdkExtrapolated ? ` (from ${SDK_INVOICES})` : ""}`,
        `${figures.writes.floorMs} ms; replay ${figures.writes.replayMs} ms`,
        `${figures.writes.oursVsReplay}× replay (≤1.05) ${mark(pass.writesVsReplay)}; ${figures.writes.oursVsFloor}× floor (replay ${figures.writes.replayVsFloor}×); SDK ${figures.writes.sdkVsOurs}× slower (≥20) ${mark(pass.writesVsSdk)}`,
      ],
      [
        `(2) ${oursVendors} vendors read`,
        `${figures.reads.oursMs} ms`,
        `${figures.reads.sdkMs} ms`,
        `${figures.reads.floorMs} ms`,
        `${figures.reads.oursVsFloor}× floor (≤1.5) ${mark(pass.readsFloor)}; SDK ${figures.reads.sdkVsOurs}× slower (≥2) ${mark(pass.readsVsSdk)}`,
      ],
      [
        "(3) CPU/function build+parse",
        `${figures.cpu.oursTotalUs} µs (${figures.cpu.oursBuildUs}+${figures.cpu.oursParseUs})`,
        `${figures.cpu.sdkTotalUs} µs (${figures.cpu.sdkBuildUs}+${figures.cpu.sdkParseUs})`,
        "–",
        `${figures.cpu.oursVsSdk}× SDK CPU (≤0.5) ${mark(pass.cpuVsSdk)}`,
      ],
      [
        "    of which zod+XMLParser",
        `${figures.cpu.prescribedLibrariesUs} µs (${figures.cpu.prescribedLibraries.zodUs}+${figures.cpu.prescribedLibraries.xmlParserUs})`,
        "",
        "–",
        `${figures.cpu.prescribedLibrariesVsSdk}× SDK CPU`,
      ],
      [
        "    function bodies: writer",
        `${figures.cpu.functionBodies.writerUs} µs (XMLBuilder ${figures.cpu.functionBodies.xmlBuilderUs})`,
        "",
        "–",
        `${figures.cpu.functionBodies.writerVsXmlBuilder}× XMLBuilder's CPU`,
      ],
      [
        "    CPU/vendor record parse",
        `${figures.cpu.perVendorRecordParse.oursUs} µs`,
        `${figures.cpu.perVendorRecordParse.sdkUs} µs`,
        "–",
        `${figures.cpu.perVendorRecordParse.oursVsSdk}× SDK CPU`,
      ],
    ];
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
    const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
    console.log(
      `lib/intacct vs @intacct/intacct-sdk against mock-intacct (latency ${LATENCY_MS} ms, seed large, warm session/connections)`,
    );
    console.log(line(rows[0] ?? []));
    console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
    for (const row of rows.slice(1)) console.log(line(row));
    console.log(
      `(1) median of ${WRITE_RUNS} runs (${figures.writes.oursRunsMs.join(", ")} ms); the same requests replayed by a bare client: ` +
        `${figures.writes.replayMs} ms (${figures.writes.replayVsFloor}× floor; ${figures.writes.replayRunsMs.join(", ")} ms), ` +
        `so lib/intacct takes ${figures.writes.oursVsReplay}× the replay's time`,
    );
    console.log(
      `server time in the mock (latency excluded): ${figures.writes.mockServerMsPerBatch} ms per 100-invoice request, ${figures.reads.mockServerMsPerPage} ms per 2000-vendor page; ` +
        `(1) needs ${figures.writes.minimumRoundTrips} sequential round trips at concurrency ${CONCURRENCY} = ${figures.writes.minimumRoundTrips * LATENCY_MS} ms before any server time`,
    );
    console.log(
      `cold start: lib/intacct getAPISession ${figures.cold.oursSessionLoginMs} ms (once per process), SDK first request ${figures.cold.sdkFirstRequestMs} ms; ` +
        `peak heap growth while reading ${figures.reads.oursPeakHeapDeltaMb} MB`,
    );
    if (retries.length > 0)
      console.log(
        `lib/intacct retried ${retries.length} request(s) during the measured runs: ${retries.slice(0, 3).join("; ")}`,
      );
    console.log(JSON.stringify({ ...figures, pass, allPass: Object.values(pass).every(Boolean) }));
  } finally {
    await closeIntacctConnections();
    mock.child.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
