// Benchmark for the mock Intacct gateway: 1,000 readByQuery requests against seed `large`
// (20,000+ vendors, 2,000 projects) with no latency. Target: under 10 s on the dev machine.
// Usage: npm run bench:mock [-- --requests 1000 --concurrency 2]
import { parseArgs } from "node:util";
import { startMockIntacct } from "../tools/mock-intacct/index";
import { buildRequest, readByQueryXml } from "../tools/mock-intacct/test-helpers";

const TARGET_MS = 10_000;

// A mix of what a sync does: full scans with a status filter, incremental refreshes, lookups by key, LIKE searches.
const QUERIES = [
  readByQueryXml("VENDOR", "STATUS = 'T'", { fields: "VENDORID,NAME,STATUS,TAXID,WHENMODIFIED", pagesize: 100 }),
  readByQueryXml("VENDOR", "WHENMODIFIED > '01/20/2025 00:00:00'", { fields: "VENDORID,NAME", pagesize: 1000 }),
  readByQueryXml("PROJECT", "STATUS = 'T' AND LOCATIONID = 'E100'", {
    fields: "PROJECTID,NAME,LOCATIONID",
    pagesize: 500,
  }),
  readByQueryXml("VENDOR", "NAME like 'Summit%'", { fields: "VENDORID,NAME" }),
  readByQueryXml("STANDARDTASK", "", { fields: "STANDARDTASKID,NAME", pagesize: 1000 }),
  readByQueryXml("VENDOR", "VENDORID in ('VL-00001', 'VL-10000', 'V-1001')", { fields: "*" }),
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: "string", default: "1000" }, concurrency: { type: "string", default: "2" } },
  });
  const total = Number(values.requests);
  const concurrency = Math.max(1, Number(values.concurrency));
  const seedStarted = performance.now();
  const mock = await startMockIntacct({ port: 0, seed: "large" });
  const seedMs = performance.now() - seedStarted;
  const bodies = QUERIES.map((q) => buildRequest([q], { uniqueId: false }));
  const durations: number[] = [];
  let failures = 0;
  let next = 0;

  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const res = await fetch(mock.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/xml" },
        body: bodies[i % bodies.length],
      });
      const text = await res.text();
      durations.push(performance.now() - t0);
      // A cheap check keeps the benchmark about the mock, not about parsing its answers.
      if (res.status !== 200 || !text.includes("<result>\n      <status>success</status>")) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  await mock.close();

  durations.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round((durations[Math.min(durations.length - 1, Math.floor(durations.length * p))] ?? 0) * 10) / 10;
  console.log(`seed large built in ${Math.round(seedMs)} ms`);
  console.log(
    `${total} readByQuery requests (concurrency ${concurrency}) in ${Math.round(elapsedMs)} ms — ${Math.round((total / elapsedMs) * 1000)} req/s, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, failures ${failures}`,
  );
  console.log(
    JSON.stringify({
      bench: "mock-intacct-readByQuery",
      seed: "large",
      requests: total,
      concurrency,
      elapsedMs: Math.round(elapsedMs),
      reqPerSec: Math.round((total / elapsedMs) * 1000),
      p50Ms: pct(0.5),
      p95Ms: pct(0.95),
      failures,
      targetMs: TARGET_MS,
      withinTarget: elapsedMs < TARGET_MS && failures === 0,
    }),
  );
  if (failures > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
