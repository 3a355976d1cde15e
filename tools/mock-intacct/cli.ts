// npm run mock:intacct -- --port 7790 [--host 127.0.0.1] [--latency-ms 150] [--jitter-ms 50] [--seed demo|large]
//   [--state FILE] [--fault-seed N] [--session-idle-ms N] [--quiet] [--exit-with-parent]
import { parseArgs } from "node:util";
import { startMockIntacct } from "./index";

function readNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} must be a non-negative number, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "7790" },
      host: { type: "string", default: "127.0.0.1" },
      "latency-ms": { type: "string" },
      "jitter-ms": { type: "string" },
      seed: { type: "string", default: "demo" },
      state: { type: "string" },
      "fault-seed": { type: "string" },
      "session-idle-ms": { type: "string" },
      quiet: { type: "boolean", default: false },
      // The parent (npm run demo) holds our stdin open; when it ends, however it ends, so do we: no orphaned mock
      // keeps the port and answers for the next demo.
      "exit-with-parent": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      "Usage: npm run mock:intacct -- --port 7790 [--latency-ms 150] [--jitter-ms 50] [--seed demo|large] [--state FILE] [--fault-seed N] [--session-idle-ms N] [--quiet] [--exit-with-parent]",
    );
    return;
  }
  if (values.seed !== "demo" && values.seed !== "large")
    throw new Error(`--seed must be demo or large, got '${values.seed}'`);
  const mock = await startMockIntacct({
    port: readNumber(values.port, "--port"),
    host: values.host,
    latencyMs: readNumber(values["latency-ms"], "--latency-ms"),
    jitterMs: readNumber(values["jitter-ms"], "--jitter-ms"),
    seed: values.seed,
    stateFile: values.state,
    faultSeed: readNumber(values["fault-seed"], "--fault-seed"),
    sessionIdleMs: readNumber(values["session-idle-ms"], "--session-idle-ms"),
    log: !values.quiet,
  });
  console.log(
    `mock-intacct listening on ${mock.url} (endpoint ${mock.endpoint}, seed ${values.seed}${values.state ? `, state ${values.state}` : ""})`,
  );
  console.log(`viewer ${mock.url}/  inspection ${mock.url}/__mock/requests`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`mock-intacct: ${signal}, shutting down`);
    mock.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  if (values["exit-with-parent"]) {
    process.stdin.on("end", () => stop("parent exited"));
    process.stdin.on("error", () => stop("parent exited"));
    process.stdin.resume();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
