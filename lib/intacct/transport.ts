import { promisify } from "node:util";
import { gunzip, inflate } from "node:zlib";
import { Pool } from "undici";

export type TransportRequest = {
  url: string;
  body: string;
  headers: Record<string, string>;
  signal: AbortSignal;
};

export type TransportResponse = {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
};

/** Injectable for unit tests; the default is the undici keep-alive pool below. */
export type IntacctTransport = (request: TransportRequest) => Promise<TransportResponse>;

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

// One keep-alive pool per endpoint origin, shared by every client in the process: after getAPISession all calls go
// to the endpoint Intacct returned (§5), so a pool per origin is also a pool per session endpoint.
const pools = new Map<string, Pool>();

function findPool(origin: string): Pool {
  const existing = pools.get(origin);
  if (existing) return existing;
  const pool = new Pool(origin, { connections: 16, keepAliveTimeout: 30_000, pipelining: 1 });
  pools.set(origin, pool);
  return pool;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

export const sendWithUndici: IntacctTransport = async (request) => {
  const url = new URL(request.url);
  const response = await findPool(url.origin).request({
    path: `${url.pathname}${url.search}`,
    method: "POST",
    headers: request.headers,
    body: request.body,
    signal: request.signal,
  });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const encoding = headerText(response.headers["content-encoding"])?.toLowerCase();
  const decoded = encoding === "gzip" ? await gunzipAsync(raw) : encoding === "deflate" ? await inflateAsync(raw) : raw;
  return {
    status: response.statusCode,
    headers: {
      "content-type": headerText(response.headers["content-type"]),
      "retry-after": headerText(response.headers["retry-after"]),
    },
    body: decoded.toString("utf8"),
  };
};

/** Closes every pooled connection (scripts and tests call this so the process can exit promptly). */
export async function closeIntacctConnections(): Promise<void> {
  const closing = [...pools.values()].map((pool) => pool.close());
  pools.clear();
  await Promise.allSettled(closing);
}
