// Fault injection (docs/intacct/gateway.md §4 last row, §11): latency with jitter, 429/GW-0010, 502, 503, 524, an HTML or
// empty 500, connection resets, commit-then-drop, a per-company concurrency limit, forced session expiry and the
// PL04000055 expired-demo-company failure. Random faults draw from a seeded PRNG so a run is reproducible.
import { z } from "zod";

export const REPLAY_ANSWERS = ["control-id", "other-errorno", "other-wording", "success-no-data"] as const;
export type ReplayAnswer = (typeof REPLAY_ANSWERS)[number];

export type FaultConfig = {
  latencyMs: number;
  jitterMs: number;
  rate429: number;
  rate502: number;
  rate503: number;
  rate524: number;
  rateHtml500: number;
  rateEmpty500: number;
  rateReset: number;
  /** Number of upcoming write requests to commit and then leave unanswered. */
  commitThenDrop: number;
  /** Probability that a write request is committed and then left unanswered. */
  commitThenDropRate: number;
  /** "hang": keep the socket open until the client gives up (a timeout); "reset": destroy it after committing. */
  dropMode: "hang" | "reset";
  /** A 524 is Cloudflare giving up on the origin while it keeps working, so by default the write lands (§11). */
  commitOn524: boolean;
  /** Per-company in-flight request limit; excess requests get 429 GW-0010. 0 = unlimited. */
  maxConcurrentPerCompany: number;
  /** Answer bad logins with HTTP 401 + XMLGW_JPP0002 instead of the 200 authentication failure (docs/intacct/gateway.md §4 B). */
  http401OnBadLogin: boolean;
  /** Company ids answered with control-level PL04000055 "demo company has expired". */
  expiredCompanies: string[];
  /** errorno for a uniqueid replay; the real one is undocumented (docs/intacct/gateway.md §6, §14). */
  uniqueIdErrorNo: string;
  /**
   * What a function whose controlid already ran (uniqueid=true) gets back. No public source shows Intacct's answer
   * (docs/intacct/gateway.md §6, §14), so a client must not depend on it; these alternatives let tests prove that it does not:
   * - "control-id": failure, errorno `uniqueIdErrorNo`, a text naming the control id (the default);
   * - "other-errorno": the same text under another errorno (XL03000011);
   * - "other-wording": failure, errorno `uniqueIdErrorNo`, description "Error" and description2 "There was an error
   *   processing the request." — indistinguishable from a generic refusal;
   * - "success-no-data": success, with no key and no data.
   */
  replayAnswer: ReplayAnswer;
  faultSeed: number;
};

export const DEFAULT_FAULTS: FaultConfig = {
  latencyMs: 0,
  jitterMs: 0,
  rate429: 0,
  rate502: 0,
  rate503: 0,
  rate524: 0,
  rateHtml500: 0,
  rateEmpty500: 0,
  rateReset: 0,
  commitThenDrop: 0,
  commitThenDropRate: 0,
  dropMode: "hang",
  commitOn524: true,
  maxConcurrentPerCompany: 2,
  http401OnBadLogin: false,
  expiredCompanies: [],
  uniqueIdErrorNo: "BL01001973",
  replayAnswer: "control-id",
  faultSeed: 1,
};

const rate = z.number().min(0).max(1);

/**
 * What one company's requests can be given on their own (POST /__mock/faults with `company`), so a test can
 * make one company's Intacct slow or failing while other tests, on other companies, run undisturbed.
 * Everything else (seed, drop budget, sessions, concurrency) belongs to the whole mock.
 */
export const COMPANY_FAULT_KEYS = [
  "latencyMs",
  "jitterMs",
  "rate429",
  "rate502",
  "rate503",
  "rate524",
  "rateHtml500",
  "rateEmpty500",
  "rateReset",
  "commitThenDropRate",
  "dropMode",
  "commitOn524",
  "http401OnBadLogin",
  "replayAnswer",
] as const;
export type CompanyFaults = Partial<Pick<FaultConfig, (typeof COMPANY_FAULT_KEYS)[number]>>;

/** Body of POST /__mock/faults: any subset of FaultConfig plus one-shot actions. */
export const FaultPatchSchema = z
  .object({
    /** Intacct company id: the patch applies to that company's requests only (COMPANY_FAULT_KEYS and clear). */
    company: z.string().trim().min(1),
    latencyMs: z.number().int().min(0),
    jitterMs: z.number().int().min(0),
    rate429: rate,
    rate502: rate,
    rate503: rate,
    rate524: rate,
    rateHtml500: rate,
    rateEmpty500: rate,
    rateReset: rate,
    commitThenDrop: z.union([
      z.number().int().min(0),
      z.object({ count: z.number().int().min(0).optional(), rate: rate.optional() }),
    ]),
    commitThenDropRate: rate,
    dropMode: z.enum(["hang", "reset"]),
    commitOn524: z.boolean(),
    maxConcurrentPerCompany: z.number().int().min(0),
    http401OnBadLogin: z.boolean(),
    expiredCompanies: z.array(z.string()),
    uniqueIdErrorNo: z.string().min(1),
    replayAnswer: z.enum(REPLAY_ANSWERS),
    faultSeed: z.number().int(),
    /** Reseeds the PRNG (alias of faultSeed). */
    seed: z.number().int(),
    sessionIdleMs: z.number().int().min(1),
    expireSessions: z.literal(true),
    /** Back to the start-up configuration before applying the rest of the patch. */
    clear: z.literal(true),
  })
  .partial()
  .strict()
  .superRefine((patch, context) => {
    if (patch.company === undefined) return;
    const allowed = new Set<string>([...COMPANY_FAULT_KEYS, "company", "clear"]);
    for (const key of Object.keys(patch)) {
      if (!allowed.has(key))
        context.addIssue({
          code: "custom",
          path: [key],
          message: `"${key}" applies to the whole mock, not to one company`,
        });
    }
  });

export type FaultPatch = z.infer<typeof FaultPatchSchema>;

/** mulberry32: tiny, fast and good enough to make fault sequences reproducible from a seed. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDraw = {
  reset: boolean;
  status429: boolean;
  status502: boolean;
  status503: boolean;
  html500: boolean;
  empty500: boolean;
  status524: boolean;
  drop: boolean;
  jitter: number;
};

/** Draws every fault for one request in a fixed order, so toggling one rate never shifts the others' sequence. */
export function drawFaults(random: () => number, f: FaultConfig): FaultDraw {
  const r = [random(), random(), random(), random(), random(), random(), random(), random(), random()];
  return {
    reset: (r[0] ?? 1) < f.rateReset,
    status429: (r[1] ?? 1) < f.rate429,
    status502: (r[2] ?? 1) < f.rate502,
    status503: (r[3] ?? 1) < f.rate503,
    html500: (r[4] ?? 1) < f.rateHtml500,
    empty500: (r[5] ?? 1) < f.rateEmpty500,
    status524: (r[6] ?? 1) < f.rate524,
    drop: (r[7] ?? 1) < f.commitThenDropRate,
    jitter: f.jitterMs > 0 ? Math.round(((r[8] ?? 0) * 2 - 1) * f.jitterMs) : 0,
  };
}

export function htmlPage(status: number, title: string, detail: string): string {
  return `<!DOCTYPE html>
<html><head><title>${status} ${title}</title></head>
<body><center><h1>${status} ${title}</h1></center><p>${detail}</p><hr><center>mock-intacct</center></body></html>
`;
}

/** Cloudflare's origin-timeout page, as clients see in front of Intacct (docs/intacct/gateway.md §4 "often no XML"). */
export function cloudflare524Page(rayId: string): string {
  return `<!DOCTYPE html>
<html lang="en-US"><head><title>api.intacct.com | 524: A timeout occurred</title></head>
<body><div id="cf-wrapper"><h1>A timeout occurred <span>Error code 524</span></h1>
<p>The origin web server timed out responding to this request.</p>
<p>Cloudflare Ray ID: <strong>${rayId}</strong></p></div></body></html>
`;
}
