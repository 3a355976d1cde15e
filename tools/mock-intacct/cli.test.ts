// The CLI (npm run mock:intacct): prints its URL, logs one line per request, stops cleanly on SIGTERM/SIGINT.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildRequest, readByQueryXml } from "./test-helpers";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function startCli(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "tools/mock-intacct/cli.ts", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => (stdout += chunk));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${stdout}`)), 15_000);
    child.stdout.on("data", () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, url, exited, output: () => stdout };
}

describe("CLI", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`prints its URL, logs one line per request and exits 0 on ${signal}`, async () => {
      const cli = startCli(["--port", "0", "--latency-ms", "0"]);
      const url = await cli.url;
      const res = await fetch(`${url}/ia/xml/xmlgw.phtml`, {
        method: "POST",
        body: buildRequest([readByQueryXml("VENDOR", "", { fields: "VENDORID" })]),
      });
      expect(res.status).toBe(200);
      await res.text();
      await new Promise((r) => setTimeout(r, 100));
      expect(cli.output()).toMatch(
        /POST \/ia\/xml\/xmlgw\.phtml 200 \d+ms DEMO-CONSTRUCTION readByQuery\(VENDOR\):success/,
      );
      cli.child.kill(signal);
      expect(await cli.exited).toBe(0);
    }, 30_000);
  }
});
