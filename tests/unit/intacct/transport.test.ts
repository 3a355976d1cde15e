import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_USER_AGENT, closeIntacctConnections, createIntacctClient, createMemorySessionCache } from "@/lib/intacct";
import { sendWithUndici } from "@/lib/intacct/transport";
import { sessionResponse } from "./fixtures";

afterAll(() => closeIntacctConnections());

async function startServer(reply: (headers: IncomingHttpHeaders, body: string) => { status: number; headers: Record<string, string>; body: Buffer | string }) {
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
  return { url: `http://127.0.0.1:${port}/ia/xml/xmlgw.phtml`, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("transport (undici)", () => {
  it("POSTs application/xml with gzip accepted and the app's user agent, and gunzips the reply", async () => {
    const server = await startServer(() => ({ status: 200, headers: { "content-type": "text/xml", "content-encoding": "gzip" }, body: gzipSync("<response>ü</response>") }));
    const reply = await sendWithUndici({ url: server.url, body: "<request/>", headers: { "content-type": "application/xml", "accept-encoding": "gzip", "user-agent": DEFAULT_USER_AGENT }, signal: AbortSignal.timeout(5000) });
    expect(reply.body).toBe("<response>ü</response>");
    expect(server.seen[0]?.headers["content-type"]).toBe("application/xml");
    expect(server.seen[0]?.headers["accept-encoding"]).toBe("gzip");
    expect(server.seen[0]?.headers["user-agent"]).toBe(DEFAULT_USER_AGENT);
    await server.close();
  });

  it("reuses keep-alive connections per endpoint instead of one per request", async () => {
    const server = await startServer(() => ({ status: 200, headers: { "content-type": "text/xml" }, body: sessionResponse() }));
    const client = createIntacctClient({ endpointUrl: server.url, senderId: "s", senderPassword: "sender-pass", companyId: "C", userId: "U", userPassword: "user-pass", sessionCache: createMemorySessionCache() });
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
    const client = createIntacctClient({ endpointUrl: `http://127.0.0.1:${port}/x`, senderId: "s", senderPassword: "sender-pass", companyId: "C", userId: "U", userPassword: "user-pass", timeoutMs: 100, maxRetries: 0, sessionCache: createMemorySessionCache() });
    const error = await client.openSession().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "transport", code: "timeout", retryable: true, maybeCommitted: true });
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
    await server.close();
  });
});
