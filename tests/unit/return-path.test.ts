import { describe, expect, it } from "vitest";
import { loginPathFor, safeNextPath } from "@/lib/auth/return-path";

describe("the return address after signing in", () => {
  it("keeps a path of this app, query string included", () => {
    expect(safeNextPath("/projects/6f1d2a4e/contracts?page=2")).toBe("/projects/6f1d2a4e/contracts?page=2");
    expect(loginPathFor("/lists/cost-codes")).toBe("/login?next=%2Flists%2Fcost-codes");
  });

  it("never sends anyone to another site or back to the login page", () => {
    for (const hostile of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "evil.example",
      "/ /x",
      "/login",
      "/login?next=/x",
      "",
      undefined,
      null,
    ]) {
      expect(safeNextPath(hostile), String(hostile)).toBe("/projects");
    }
    expect(safeNextPath(["/lists/cost-codes", "//evil.example"])).toBe("/lists/cost-codes");
    expect(safeNextPath("/login-help")).toBe("/login-help");
  });

  it("checks the path the URL parser rebuilds, so dot segments cannot turn it into another host", () => {
    for (const hostile of [
      "/.//evil.example",
      "/..//x",
      "/a/..//x",
      "/%2e//x",
      "/.%2e//x",
      "/projects/..//x",
      "/./\\x",
    ]) {
      const next = safeNextPath(hostile);
      expect(next, hostile).toBe("/projects");
      expect(new URL(next, "http://app.example").origin, hostile).toBe("http://app.example");
    }
    expect(safeNextPath("/projects/./contracts")).toBe("/projects/contracts");
  });

  it("returns only header-safe ASCII, and gives up on an address too long to carry", () => {
    expect(safeNextPath("/projects?q=日本")).toBe("/projects?q=%E6%97%A5%E6%9C%AC");
    expect(safeNextPath("/lists/cost-codes?q=a\u0000b")).toBe("/lists/cost-codes?q=a%00b");
    expect(safeNextPath("/projects/./../login")).toBe("/projects");
    expect(safeNextPath(`/lists/cost-codes?q=${"x".repeat(3000)}`)).toBe("/projects");
  });

  it("leaves the login URL clean when the visitor asked for the default page", () => {
    expect(loginPathFor("/projects")).toBe("/login");
    expect(loginPathFor(null)).toBe("/login");
  });
});
