// The mock Intacct in a child process, so its CPU never competes with the client a benchmark measures.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { findFreePort } from "./free-port";

export type MockProcess = { url: string; endpoint: string; child: ChildProcess };

export async function startMockProcess(options: { latencyMs: number; seed: "demo" | "large" }): Promise<MockProcess> {
  const port = await findFreePort();
  const cli = fileURLToPath(new URL("../../tools/mock-intacct/cli.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    [
      // BENCH_MOCK_NODE_ARGS: extra node flags for the mock alone, e.g. "--cpu-prof --cpu-prof-dir=tmp-prof" to
      // profile its side of a benchmark (node refuses --cpu-prof in NODE_OPTIONS).
      ...(process.env.BENCH_MOCK_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
      "--expose-gc",
      "--import",
      "tsx",
      cli,
      "--port",
      String(port),
      "--latency-ms",
      String(options.latencyMs),
      "--seed",
      options.seed,
      "--quiet",
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`mock exited early (${code}): ${output}`)));
  });
  return { url, endpoint: `${url}/ia/xml/xmlgw.phtml`, child };
}
