// Plain HTTP answers the gateway gives outside its XML: reading a body, writing a reply, the 429 Intacct sends when a
// company is over its limit, and the injected transport faults a real gateway (or Cloudflare in front of it) produces.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import { cloudflare524Page, htmlPage, type FaultConfig, type drawFaults } from "./faults";
import { el, renderXml } from "./xml";

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

export function rateLimitBody(): string {
  // 429 with GW-0010 (docs/intacct/gateway.md §4, §11); gateway errors carry only a description.
  const requestId = randomBytes(8).toString("hex");
  return renderXml(
    el("response", [
      el("control", [el("status", "failure")]),
      el("errormessage", [
        el("error", [
          el("errorno", "GW-0010"),
          el("description", `Rate limit exceeded; too many requests. Please retry later. [Request ID: ${requestId}]`),
          el("description2", ""),
          el("correction", ""),
        ]),
      ]),
    ]),
    true,
  );
}

/**
 * The faults that answer before the gateway runs anything (so no function ran): a reset connection, 429, 502, 503,
 * an HTML or empty 500, and a 524 when the company is not set to commit first. Returns the fault's name, or
 * undefined when the request goes on to the gateway.
 */
export function answerWithFaultBeforeGateway(
  req: IncomingMessage,
  res: ServerResponse,
  draw: ReturnType<typeof drawFaults>,
  scoped: FaultConfig,
  rayId: string,
): string | undefined {
  if (draw.reset) {
    req.socket.destroy();
    return "reset";
  }
  if (draw.status429) {
    send(res, 429, "text/xml; charset=UTF-8", rateLimitBody());
    return "429";
  }
  if (draw.status502) {
    const detail = "The proxy server received an invalid response from an upstream server.";
    send(res, 502, "text/html", htmlPage(502, "Bad Gateway", detail));
    return "502";
  }
  if (draw.status503) {
    const detail = "The server is temporarily unable to service your request.";
    send(res, 503, "text/html", htmlPage(503, "Service Temporarily Unavailable", detail));
    return "503";
  }
  if (draw.html500) {
    const detail = "The server encountered an internal error and was unable to complete your request.";
    send(res, 500, "text/html", htmlPage(500, "Internal Server Error", detail));
    return "500-html";
  }
  if (draw.empty500) {
    send(res, 500, "text/html", "");
    return "500-empty";
  }
  if (draw.status524 && !scoped.commitOn524) {
    send(res, 524, "text/html", cloudflare524Page(rayId));
    return "524";
  }
  return undefined;
}
