// Findings of an outside probe, each checked the way it was found: in a browser, or over plain HTTP.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { LINKS_TENANT, openProject, OTHER_TENANT, PASSWORD, readE2eInfo, signIn, USERS } from "./fixtures";

const HOSTILE_NEXT = [
  "/.//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/.%2e//evil.example",
  "/projects/..//evil.example",
];

test.describe("return address after signing in", () => {
  test("never leaves the app, however the path is dressed up", async ({ page, baseURL }) => {
    const origin = new URL(baseURL as string).origin;
    for (const hostile of HOSTILE_NEXT) {
      await page.context().clearCookies();
      await page.goto(`/login?next=${encodeURIComponent(hostile)}`);
      await page.getByLabel("Email").fill(USERS.viewer);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page, hostile).toHaveURL(/\/projects$/);
      expect(new URL(page.url()).origin, hostile).toBe(origin);
      // Signed in, the login page sends straight on: to a path of this app, never "//host".
      const response = await page.request.get(`/login?next=${encodeURIComponent(hostile)}`, { maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      expect(response.status(), hostile).toBe(307);
      expect(location, hostile).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, origin).origin, hostile).toBe(origin);
      await page.waitForLoadState("networkidle");
    }
  });
});

test.describe("security headers", () => {
  test("every page carries them, and no other site can frame the sign-in page", async ({ page, baseURL }) => {
    const response = await page.goto("/login");
    const headers = response?.headers() ?? {};
    expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // The nonce is fresh per response.
    const again = await page.request.get("/login");
    expect(again.headers()["content-security-policy"]).not.toBe(headers["content-security-policy"]);

    // Another site frames /login: the browser refuses to show it.
    await page.route("http://attacker.test/", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<h1>Win a prize</h1><iframe id="victim" src="${baseURL}/login" width="600" height="400"></iframe>`,
      }),
    );
    await page.goto("http://attacker.test/");
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => frame?.url()).not.toContain("/login");
    await expect(page.frameLocator("#victim").getByRole("heading", { name: "Sign in to your company" })).toHaveCount(0);
  });

  test("the app still runs its scripts under the policy: signing in and saving work", async ({ page }) => {
    const blocked: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await signIn(page, USERS.pm);
    await openProject(page);
    expect(blocked).toEqual([]);
  });
});

test.describe("sign-in lock-out", () => {
  test("a browser that signed in before is not locked out by someone else's wrong passwords", async ({ browser }) => {
    const email = `pm2@${LINKS_TENANT.domain}`;
    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    await signIn(ownerPage, email);
    expect((await owner.cookies()).find((c) => c.name === "ib_device")?.httpOnly).toBe(true);
    await ownerPage.getByRole("button", { name: "Sign out" }).click();
    await expect(ownerPage).toHaveURL(/\/login$/);

    // Someone else tries ten wrong passwords for the same email, and is paused.
    const attacker = await (await browser.newContext()).newPage();
    await attacker.goto("/login");
    await attacker.getByLabel("Email").fill(email);
    for (let i = 0; i < 10; i++) {
      await attacker.getByLabel("Password").fill(`guess-${i}`);
      await attacker.getByRole("button", { name: "Sign in" }).click();
      await expect(attacker.getByRole("alert").filter({ hasText: /\w/ })).toContainText(
        i < 9 ? "don't match an account" : "Too many failed",
      );
    }
    await attacker.getByLabel("Password").fill(PASSWORD);
    await attacker.getByRole("button", { name: "Sign in" }).click();
    await expect(attacker.getByRole("alert").filter({ hasText: /\w/ })).toContainText(
      "Too many failed sign-ins for this email",
    );

    // The owner's browser signs in as usual.
    await signIn(ownerPage, email);
    await owner.close();
  });
});

test.describe("session cookie", () => {
  test("only a session that exists slides; any other value is left to expire", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const stranger = await playwright.request.newContext({ baseURL });
    const garbage = await stranger.get("/login", { headers: { cookie: "ib_session=garbage-token-value" } });
    expect(garbage.headers()["set-cookie"] ?? "").not.toContain("ib_session=");
    await stranger.dispose();

    await signIn(page, USERS.viewer);
    const live = await page.request.get("/projects");
    expect(live.headers()["set-cookie"] ?? "").toContain("ib_session=");
  });
});

test.describe("oversized and malformed action requests", () => {
  test("a 1.2 MB cost code name gets a message in words, a 413 and a line in the app's log", async ({ page }) => {
    await signIn(page, USERS.pm);
    await page.goto("/lists/cost-codes/new");
    await page.getByLabel("Code").fill("99-9999");
    await page.getByLabel("Name").fill("x".repeat(1_258_291));
    const answer = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().includes("/lists/cost-codes/new"),
    );
    await page.getByRole("button", { name: "Save" }).click();
    expect((await answer).status()).toBe(413);
    await expect(page.getByText(/This text is far too long to save \(1,258,291 characters\)/)).toBeVisible();
    await expect(page.getByText(/This is too large to save \(1\.2 MB; the limit is 1\.0 MB\)/)).toBeVisible();
    await expect(page).toHaveURL(/\/lists\/cost-codes\/new$/);
    await expect
      .poll(() => readFileSync(readE2eInfo().appLog, "utf8"))
      .toMatch(/"reason":"too-large".*"msg":"action request refused"/);
  });
});

test.describe("another company's project tabs", () => {
  test("are 404 on an in-app navigation request too, not an empty tab", async ({ browser }) => {
    const owner = await browser.newPage();
    await signIn(owner, USERS.admin);
    const projectId = await openProject(owner);
    await owner.goto(`/projects/${projectId}/budget`);
    // The navigation requests the app itself makes between tabs: the page alone, the layout taken as shown.
    const navigations: { url: string; headers: Record<string, string> }[] = [];
    owner.on("request", (request) => {
      const headers = request.headers();
      if (headers["rsc"] === "1" && !headers["next-router-prefetch"]) navigations.push({ url: request.url(), headers });
    });
    const tabs = owner.getByRole("navigation", { name: "Project" });
    const tabNames = [
      ["ACR", "acr"],
      ["Budget Changes", "budget-changes"],
      ["Contracts", "contracts"],
      ["Contract Changes", "contract-changes"],
      ["Invoices", "invoices"],
      ["Project Settings", "settings"],
      ["Budget", "budget"],
    ] as const;
    for (const [name, slug] of tabNames) {
      await tabs.getByRole("link", { name, exact: true }).click();
      await expect(owner).toHaveURL(new RegExp(`/projects/${projectId}/${slug}$`));
      await owner.waitForLoadState("networkidle");
    }
    expect(navigations.length).toBeGreaterThanOrEqual(7);

    const other = await browser.newPage();
    await signIn(other, OTHER_TENANT.admin);
    for (const navigation of navigations) {
      const { cookie: _cookie, ...headers } = navigation.headers;
      const replay = await other.request.get(navigation.url, { headers, maxRedirects: 0 });
      expect(replay.status(), navigation.url).toBe(404);
      expect(await replay.text(), navigation.url).not.toContain("Riverside");
    }
  });
});
