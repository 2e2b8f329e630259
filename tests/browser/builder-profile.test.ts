/*
 * The custom-feed builder's named papers in real headless Chromium, under the deployment's
 * strict policy: pasted abs/pdf links become ids in the built URL, the preview shows which liked
 * paper each paper is close to, and the built URL serves a feed that says so.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { type Service, startService } from "../helpers/service.js";
import { feedparse } from "../helpers/validate.js";

const CSP = "default-src 'self'";
/** Real papers the fake arXiv API has, outside the stored window. */
const LIKED = ["2601.09555", "2601.22101"];

let service: Service;
let browser: Browser;
let base: string;

beforeAll(async () => {
  service = await startService({ env: { STORE: "memory" } });
  base = service.url;
  expect((await service.refresh()).status).toBe(200);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

/** The landing page in a fresh context, with every console error, page error and failed request collected. */
async function openPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(`${base}/`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": CSP } });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    // A 400 the preview asked for on purpose is logged by the browser as a failed resource.
    if (message.type() === "error" && !message.text().includes("400")) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${base}/`);
  await page.locator("#builder-preview:not([aria-busy])").waitFor();
  return { context, page, problems };
}

describe("the builder's like and dislike fields", () => {
  it("turn pasted links into ids in the URL, and the preview says what each paper is close to", async () => {
    const { context, page, problems } = await openPage();
    await page.selectOption("#builder-category", "cs.LG");
    await page.fill(
      "#builder-like",
      `https://arxiv.org/abs/${LIKED[0]}v1\n  https://arxiv.org/pdf/${LIKED[1]}.pdf,`,
    );
    await page.fill("#builder-dislike", "arXiv:2601.20088");
    await page.fill("#builder-limit", "5");
    const url = `${base}/rss/cs.LG?like=${LIKED[0]}v1,${LIKED[1]}&dislike=2601.20088&limit=5`;
    await expect.poll(() => page.inputValue("#builder-url")).toBe(url);

    const closeTo = page.locator("#builder-preview .paper .close-to");
    await expect.poll(() => closeTo.count(), { timeout: 8000 }).toBe(5);
    const lines = await closeTo.allTextContents();
    for (const line of lines) expect(line).toMatch(/^Close to: .+ \(similarity \d\.\d\d\)$/);
    const hrefs = await closeTo.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    for (const href of hrefs) expect(LIKED.map((id) => `https://arxiv.org/abs/${id}`)).toContain(href);

    // The URL it built is a feed whose items say the same.
    const parsed = await feedparse(await (await fetch(url)).text());
    expect(parsed.bozo).toBe(false);
    expect(parsed.entries).toHaveLength(5);
    for (const entry of parsed.entries) expect(entry.content).toContain("close to: ");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the server's words for an id it refuses, and drops the parameter when emptied", async () => {
    const { context, page, problems } = await openPage();
    await page.fill("#builder-like", "2601.2");
    await expect
      .poll(() => page.textContent("#builder-preview"), { timeout: 8000 })
      .toContain('like (item 1) must be an arXiv id or link, not "2601.2"');
    await page.fill("#builder-like", "");
    await expect.poll(() => page.inputValue("#builder-url")).toBe(`${base}/rss`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
