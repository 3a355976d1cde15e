// /__mock/* — a JSON control and inspection API. The prefix does not exist on Intacct, so no client can hit it by
// accident. Shapes are documented in README.md.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { AccountantActionSchema, AccountantError } from "./accountant";
import { FaultPatchSchema } from "./faults";
import type { MockRuntime } from "./server";
import { findCompany } from "./store";

const RecordPatchSchema = z.object({
  companyId: z.string().optional(),
  object: z.string().min(1),
  record: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  delete: z.boolean().optional(),
});

const DefinitionPatchSchema = z.object({
  companyId: z.string().optional(),
  rename: z.object({ from: z.string().min(1), to: z.string().min(1) }).optional(),
  remove: z.string().min(1).optional(),
  upsert: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value, null, 2);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=UTF-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

async function readJson(req: IncomingMessage, readBody: (req: IncomingMessage) => Promise<string>): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === "") return {};
  return JSON.parse(text) as unknown;
}

export async function handleInspection(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  mock: MockRuntime,
  readBody: (req: IncomingMessage) => Promise<string>,
): Promise<void> {
  const route = `${req.method ?? "GET"} ${url.pathname.replace(/\/+$/, "")}`;
  const company = url.searchParams.get("company") ?? undefined;
  try {
    switch (route) {
      case "GET /__mock/health":
        return sendJson(res, 200, { ok: true, url: mock.url, endpoint: mock.endpoint, seed: mock.seedName });
      case "POST /__mock/reset":
        mock.reset();
        return sendJson(res, 200, { ok: true, seed: mock.seedName });
      case "GET /__mock/faults":
        return sendJson(res, 200, mock.getFaults());
      case "POST /__mock/faults": {
        const parsed = FaultPatchSchema.safeParse(await readJson(req, readBody));
        if (!parsed.success) return sendJson(res, 400, { error: "invalid fault patch", issues: parsed.error.issues });
        return sendJson(res, 200, mock.setFaults(parsed.data));
      }
      case "GET /__mock/documents": {
        const definition = url.searchParams.get("definition");
        const includeDeleted = ["1", "true"].includes(url.searchParams.get("includeDeleted") ?? "");
        const documents = mock
          .listDocuments(company, { includeDeleted })
          .filter((d) => !definition || d.DOCPARID === definition);
        return sendJson(res, 200, { count: documents.length, documents });
      }
      case "POST /__mock/accountant": {
        const parsed = AccountantActionSchema.safeParse(await readJson(req, readBody));
        if (!parsed.success)
          return sendJson(res, 400, {
            error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
            issues: parsed.error.issues,
          });
        try {
          return sendJson(res, 200, mock.accountant({ ...parsed.data, company: parsed.data.company ?? company }));
        } catch (err) {
          if (err instanceof AccountantError) return sendJson(res, err.status, { error: err.message });
          throw err;
        }
      }
      case "GET /__mock/estimates": {
        const estimates = mock.listEstimates(company);
        return sendJson(res, 200, { count: estimates.length, estimates });
      }
      case "GET /__mock/requests": {
        const limit = Number(url.searchParams.get("limit") ?? "200");
        const log = mock.listRequests();
        return sendJson(res, 200, {
          total: log.total,
          counts: log.counts,
          requests: log.requests.slice(-Math.max(1, limit)),
        });
      }
      case "POST /__mock/requests/clear":
        mock.clearRequests();
        return sendJson(res, 200, { ok: true });
      case "GET /__mock/sessions":
        return sendJson(res, 200, { idleMs: mock.sessions.idleMs, sessions: mock.sessions.list() });
      case "POST /__mock/records": {
        const parsed = RecordPatchSchema.safeParse(await readJson(req, readBody));
        if (!parsed.success) return sendJson(res, 400, { error: "invalid record patch", issues: parsed.error.issues });
        const record = Object.fromEntries(
          Object.entries(parsed.data.record).map(([k, v]) => [k.toUpperCase(), String(v)]),
        );
        const row = mock.upsertRecord(parsed.data.companyId, parsed.data.object, record, parsed.data.delete);
        mock.scheduleSave();
        return sendJson(res, 200, { ok: true, record: row ?? null });
      }
      case "POST /__mock/definitions": {
        const parsed = DefinitionPatchSchema.safeParse(await readJson(req, readBody));
        if (!parsed.success)
          return sendJson(res, 400, { error: "invalid definition patch", issues: parsed.error.issues });
        const target = findCompany(mock.state, parsed.data.companyId ?? mock.credentials.companyId);
        if (!target) return sendJson(res, 404, { error: "unknown company" });
        const table = target.tables.PODOCUMENTPARAMS;
        if (parsed.data.rename) {
          const def = table.findOne("DOCID", parsed.data.rename.from);
          if (!def) return sendJson(res, 404, { error: `no definition '${parsed.data.rename.from}'` });
          def.DOCID = parsed.data.rename.to;
          table.touch();
        }
        if (parsed.data.remove)
          mock.upsertRecord(target.companyId, "PODOCUMENTPARAMS", { DOCID: parsed.data.remove }, true);
        if (parsed.data.upsert) {
          const record = Object.fromEntries(
            Object.entries(parsed.data.upsert).map(([k, v]) => [k.toUpperCase(), String(v)]),
          );
          mock.upsertRecord(target.companyId, "PODOCUMENTPARAMS", record);
        }
        mock.scheduleSave();
        return sendJson(res, 200, { ok: true, definitions: table.rows });
      }
      default:
        return sendJson(res, 404, { error: `unknown inspection route ${route}` });
    }
  } catch (err) {
    return sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
