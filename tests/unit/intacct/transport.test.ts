import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEFAULT_USER_AGENT,
  closeIntacctConnections,
  createIntacctClient,
  createMemorySessionCache,
} from "@/lib/intacct";
import { sendWithUndici } from "@/lib/intacct/transport";
import { queryPage, sessionResponse, upperVendor } from "./fixtures";

afterAll(() => closeIntacctConnections());

async function startServer(
  reply: (
    headers: IncomingHttpHeaders,
    body: string,
  ) => { status: number; headers: Record<string, string>; body: Buffer | string },
) {
  const seen: { headers: IncomingHttpHeaders; body: string; socket: number }[] = [];
  const sockets = new Map<object, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (!sockets.has(request.socket)) sockets.set(request.socket, sockets.size + 1);
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ headers: request.headers, body, socket: sockets.get(request.socket) ?? 0 });
      const answer = reply(request.headers, body);
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ia/xml/xmlgw.phtml`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("transport (undici)", () => {
  it("POSTs application/xml with gzip accepted and the app's user agent, and gunzips the reply", async () => {
    const server = await startServer(() => ({
      status: 200,
      headers: { "content-type": "text/xml", "content-encoding": "gzip" },
      body: gzipSync("<response>ü</response>"),
    }));
    const reply = await sendWithUndici({
      url: server.url,
      body: "<request/>",
      headers: { "content-type": "application/xml", "accept-encoding": "gzip", "user-agent": DEFAULT_USER_AGENT },
      signal: AbortSignal.timeout(5000),
    });
    expect(reply.body).toBe("<response>ü</response>");
    expect(server.seen[0]?.headers["content-type"]).toBe("application/xml");
    expect(server.seen[0]?.headers["accept-encoding"]).toBe("gzip");
    expect(server.seen[0]?.headers["user-agent"]).toBe(DEFAULT_USER_AGENT);
    await server.close();
  });

  it("reuses keep-alive connections per endpoint instead of one per request", async () => {
    const server = await startServer(() => ({
      status: 200,
      headers: { "content-type": "text/xml" },
      body: sessionResponse(),
    }));
    const client = createIntacctClient({
      endpointUrl: server.url,
      senderId: "s",
      senderPassword: "sender-pass",
      companyId: "C",
      userId: "U",
      userPassword: "user-pass",
      sessionCache: createMemorySessionCache(),
    });
    for (let i = 0; i < 6; i++) await client.openSession({ force: true });
    expect(server.seen).toHaveLength(6);
    expect(new Set(server.seen.map((request) => request.socket)).size).toBeLessThanOrEqual(2);
    await server.close();
  });

  it("aborts a request that exceeds timeoutMs with a retryable timeout error", async () => {
    const server = await startServer(() => ({ status: 200, headers: {}, body: "" }));
    const slow = createServer(() => {});
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const { port } = slow.address() as AddressInfo;
    const client = createIntacctClient({
      endpointUrl: `http://127.0.0.1:${port}/x`,
      senderId: "s",
      senderPassword: "sender-pass",
      companyId: "C",
      userId: "U",
      userPassword: "user-pass",
      timeoutMs: 100,
      maxRetries: 0,
      sessionCache: createMemorySessionCache(),
    });
    const error = await client.openSession().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "transport", code: "timeout", retryable: true, maybeCommitted: true });
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
    await server.close();
  });
  it("puts a queued request on the wire before parsing the large response that freed its slot", async () => {
    // The server runs in a worker thread, with its own event loop, so it sees when a request really arrives even
    // while the client's thread is busy parsing. A request that was only handed to undici (not yet written) while
    // the client parsed used to arrive after the parse: a whole page's parse time late on every round trip.
    const PAGE = 2000; // query's largest page (§7)
    // Wide records make the parse long (~100 ms), so a busy machine cannot blur the order asserted below.
    const extra = Array.from({ length: 30 }, (_, field) => `<FIELD${field}>value ${field}</FIELD${field}>`).join("");
    const wide = (n: number) => upperVendor(n).replace("</VENDOR>", `${extra}</VENDOR>`);
    const big = queryPage({
      object: "VENDOR",
      records: Array.from({ length: PAGE }, (_, index) => wide(index + 1)),
      totalCount: PAGE + 1,
      offset: 0,
      numRemaining: 1,
      controlId: "CID",
    });
    const last = queryPage({
      object: "VENDOR",
      records: [upperVendor(PAGE + 1)],
      totalCount: PAGE + 1,
      offset: PAGE,
      numRemaining: 0,
      controlId: "CID",
    });
    const worker = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
      const { createServer } = require("node:http");
      const server = createServer((request, response) => {
        const chunks = [];
        request.on("data", (chunk) => chunks.push(chunk));
        request.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const offset = /<offset>(\\d+)<\\/offset>/.exec(body);
          parentPort.postMessage({ arrived: process.hrtime.bigint(), offset: offset ? Number(offset[1]) : -1 });
          const controlId = /<function controlid="([^"]*)"/.exec(body)[1];
          const reply = offset && offset[1] !== "0" ? workerData.last : workerData.big;
          response.writeHead(200, { "content-type": "text/xml" });
          response.end(reply.replace('controlid>CID<', 'controlid>' + controlId + '<'));
        });
      });
      server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));`,
      { eval: true, workerData: { big, last } },
    );
    const arrivals: { arrived: bigint; offset: number }[] = [];
    const port = await new Promise<number>((resolve) =>
      worker.on("message", (message: { port?: number; arrived?: bigint; offset?: number }) => {
        if (message.port) resolve(message.port);
        else arrivals.push(message as { arrived: bigint; offset: number });
      }),
    );
    try {
      const url = `http://127.0.0.1:${port}/ia/xml/xmlgw.phtml`;
      const client = createIntacctClient({
        endpointUrl: url,
        senderId: "s",
        senderPassword: "sender-pass",
        companyId: "C",
        userId: "U",
        userPassword: "user-pass",
        sessionCache: createMemorySessionCache(),
        transport: async (request) => {
          if (request.body.includes("<getAPISession"))
            return { status: 200, headers: {}, body: sessionResponse({ endpoint: url }) };
          return sendWithUndici(request);
        },
      });
      let firstPageAt: bigint | undefined;
      let records = 0;
      // One request in flight; the pager queues the second before the first reply (it expects several pages).
      for await (const page of client.query(
        { object: "VENDOR", select: ["RECORDNO", "VENDORID"], pageSize: PAGE },
        { concurrency: 1, expectMultiplePages: true },
      )) {
        firstPageAt ??= process.hrtime.bigint();
        records += page.length;
      }
      expect(records).toBe(PAGE + 1);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the worker's last message in
      const second = arrivals.find((arrival) => arrival.offset === PAGE);
      expect(second).toBeDefined();
      expect(firstPageAt).toBeDefined();
      // The second request reached the server while the first page was still being parsed.
      expect((second as { arrived: bigint }).arrived < (firstPageAt as bigint)).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
