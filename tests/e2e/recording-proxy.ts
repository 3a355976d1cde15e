// Sits between the browser and the app for the whole e2e run and reads every response (headers and body) for
// secrets: the Intacct passwords and every Intacct session id the mock has issued. Responses pass through
// unchanged; compression is turned off so bodies can be read. GET /__e2e/secret-scan reports what it found.
import http from "node:http";

export type SecretScan = { responses: number; bytes: number; hits: { url: string; secret: string }[] };

export function startRecordingProxy(options: {
  port: number;
  targetPort: number;
  /** Named secrets to look for; read again for every response, as the mock issues new session ids. */
  secrets: () => Map<string, string>;
}): Promise<http.Server> {
  const scan: SecretScan = { responses: 0, bytes: 0, hits: [] };
  const server = http.createServer((req, res) => {
    if (req.url === "/__e2e/secret-scan") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(scan));
      return;
    }
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: options.targetPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "accept-encoding": "identity" },
      },
      (answer) => {
        const secrets = [...options.secrets()].map(([name, value]) => ({ name, value: Buffer.from(value) }));
        const longest = Math.max(1, ...secrets.map((s) => s.value.length));
        const found = new Set<string>();
        const look = (buffer: Buffer) => {
          for (const secret of secrets) if (buffer.includes(secret.value)) found.add(secret.name);
        };
        look(Buffer.from(JSON.stringify(answer.headers)));
        let tail = Buffer.alloc(0);
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.on("data", (chunk: Buffer) => {
          scan.bytes += chunk.length;
          // A secret split across two chunks: keep the end of the last one.
          const window = Buffer.concat([tail, chunk]);
          look(window);
          tail = window.subarray(Math.max(0, window.length - longest));
          res.write(chunk);
        });
        answer.on("end", () => {
          scan.responses++;
          for (const secret of found) scan.hits.push({ url: `${req.method} ${req.url}`, secret });
          res.end();
        });
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(options.port, () => resolve(server)));
}
