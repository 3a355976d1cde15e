// Pure parts of the hardening: the text guard every action runs, and the proxy's check of action requests.
import { describe, expect, it } from "vitest";
import { describeTextProblem, findTextProblems } from "@/lib/actions/text-guard";
import { ACTION_BODY_LIMIT_BYTES, actionRefusalBody, checkActionRequest } from "@/lib/http/action-request";
import { contentSecurityPolicy, staticSecurityHeaders } from "@/lib/http/security-headers";

describe("the text guard", () => {
  it("names a bidi control and a lone surrogate, and passes ordinary text of any script", () => {
    expect(describeTextProblem("Acme\u202Eexe.pdf")).toMatch(/invisible text-direction character \(U\+202E\)/);
    expect(describeTextProblem("\u2066x\u2069")).toMatch(/U\+2066/);
    expect(describeTextProblem("broken \uD83D")).toMatch(/unpaired UTF-16 surrogate/);
    expect(describeTextProblem("\uDC00 leading low half")).toMatch(/unpaired/);
    for (const fine of ["Acme Concrete", "Béton Québec", "شركة البناء", "建設会社", "crane 🏗️", "<a>&amp;</a>"])
      expect(describeTextProblem(fine), fine).toBeUndefined();
  });

  it("reports each problem where it is, in the shape the forms read", () => {
    expect(findTextProblems({ name: "ok", lines: [{ description: "ok" }, { description: "x\u202Ey" }] })).toEqual({
      _errors: [],
      lines: { _errors: [], 1: { _errors: [], description: { _errors: [expect.stringMatching(/U\+202E/)] } } },
    });
    expect(findTextProblems({ name: "fine", n: 3, list: ["a"] })).toBeUndefined();
  });
});

const action = (body: BodyInit, headers: Record<string, string> = {}) => {
  const request = new Request("http://app.test/lists/cost-codes/new", {
    method: "POST",
    headers: { "next-action": "7f00", host: "app.test", origin: "http://app.test", ...headers },
    body,
  });
  return checkActionRequest({ method: "POST", headers: request.headers, body: () => request.arrayBuffer() });
};

describe("the proxy's check of server-action requests", () => {
  it("lets through what React sends: a JSON array of arguments, or form parts whose root is one", async () => {
    expect(await action(JSON.stringify([{ code: "03-3000", name: "Concrete" }]))).toBeUndefined();
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_name", "x");
    expect(await action(form)).toBeUndefined();
  });

  it("refuses what Next would answer with a 500: 400 unreadable, 413 too large, 403 another site", async () => {
    expect(await action("not json")).toMatchObject({ status: 400, reason: "unreadable" });
    expect(await action('[{"name":"trunc')).toMatchObject({ status: 400 });
    expect(await action('{"name":"x"}')).toMatchObject({ status: 400 });
    const garbage = new FormData();
    garbage.set("file", "x");
    expect(await action(garbage)).toMatchObject({ status: 400 });
    expect(
      await action('--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[1]', {
        "content-type": "multipart/form-data; boundary=b",
      }),
    ).toMatchObject({ status: 400 });
    expect(await action("[]", { origin: "https://evil.example" })).toMatchObject({ status: 403 });
    expect(await action("[]", { origin: "null" })).toMatchObject({ status: 403 });
    const huge = "x".repeat(1_258_291);
    const refusal = await action(JSON.stringify([{ code: "03-3000", name: huge }]));
    expect(refusal).toMatchObject({ status: 413, reason: "too-large" });
    expect(refusal?.message).toMatch(/too large to save \(1\.2 MB; the limit is 1\.0 MB\)/);
    expect(refusal?.fieldErrors?.name?.[0]).toMatch(/far too long to save \(1,258,291 characters\)/);
    expect(await action("x".repeat(ACTION_BODY_LIMIT_BYTES + 1))).toMatchObject({ status: 413 });
  });

  it("answers in React's wire format, so the form shows the message like any refusal", () => {
    const body = actionRefusalBody({ status: 413, reason: "too-large", message: "$too large" });
    expect(body.endsWith("\n")).toBe(true);
    const row = JSON.parse(body.slice(2)) as { a: { serverError: { code: string; message: string } } };
    expect(body.startsWith("0:")).toBe(true);
    expect(row.a.serverError).toEqual({ code: "INVALID_INPUT", message: "$$too large" });
  });
});

describe("security headers", () => {
  it("forbid framing, sniffing and foreign scripts; HSTS only where served over HTTPS", () => {
    const csp = contentSecurityPolicy("abc", { NODE_ENV: "production" });
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("object-src 'none'");
    const production = new Map(staticSecurityHeaders({ NODE_ENV: "production" }));
    expect(production.get("X-Frame-Options")).toBe("DENY");
    expect(production.get("X-Content-Type-Options")).toBe("nosniff");
    expect(production.get("Strict-Transport-Security")).toMatch(/max-age=31536000/);
    expect(new Map(staticSecurityHeaders({ NODE_ENV: "development" })).has("Strict-Transport-Security")).toBe(false);
  });
});
