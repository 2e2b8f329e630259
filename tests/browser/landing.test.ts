/*
 * The landing page in real headless Chromium: served by the local server (startService) from an
 * in-process store filled by one refresh against the loopback arXiv (and a loopback LLM).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_LIMIT } from "../../lib/api/filters.js";
import type { CategoriesResponse, FiltersResponse, PapersResponse } from "../../lib/api/schemas.js";
import { launchChromium } from "../helpers/chromium.js";
import { FIXTURE_NOW, FIXTURE_SATURDAY } from "../helpers/fixtures.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SHOTS = join(ROOT, "tests/.tmp");
const CONFIG = JSON.parse(readFileSync(join(ROOT, "config.json"), "utf8")) as {
  categories: string[];
  ai_summary: { api_key_env: string };
};
const FEED_NAMES = ["all", ...CONFIG.categories];
const CSP = "default-src 'self'";

let llm: OpenAiServer;
let service: Service;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // The first summary the refresh asks for comes back prompt-injected (script, handlers, bad URLs).
  llm = await startOpenAiServer({
    behaviour: (request) => (request.n === 1 ? { type: "hostile" } : undefined),
  });
  service = await startService({
    env: {
      STORE: "memory",
      [CONFIG.ai_summary.api_key_env]: llm.apiKey,
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_MODEL: "test-model",
    },
  });
  base = service.url;
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await llm?.stop();
});

/** Fills the store with one refresh, as `npm run refresh` would. */
async function refresh(): Promise<void> {
  expect((await service.refresh()).status).toBe(200);
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
  dialogs: string[];
}

/** A fresh context and page on the landing page, with clipboard access, waiting for the API. */
async function openPage(viewport = { width: 1280, height: 900 }): Promise<Opened> {
  const context = await browser.newContext({ viewport, colorScheme: "light" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  // The strict policy the deployment will send: any inline script, handler or style would be
  // blocked and reported as a console error.
  await context.route(`${base}/`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": CSP } });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // The builder aborts a preview that a newer one supersedes (a loaded machine lets the older
  // one start): that is by design; any other failed request is a problem.
  page.on("requestfailed", (request) => {
    if (request.failure()?.errorText !== "net::ERR_ABORTED")
      problems.push(`request failed: ${request.url()}`);
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${base}/`);
  await page.locator("#papers-body:not([aria-busy])").waitFor();
  await page
    .locator("#papers-body .paper, #papers-body .notice, #papers-body .placeholder")
    .first()
    .waitFor();
  return { context, page, problems, dialogs };
}

/**
 * Runs in the page: every element with its own visible text whose colour against the nearest
 * opaque background is below WCAG AA (4.5:1). The page uses flat colours only, so the nearest
 * ancestor background is the one behind the text.
 */
function lowContrastText(): string[] {
  const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
    const [R, G, B] = [r, g, b].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (element: Element | null): number[] => {
    for (let node = element; node; node = node.parentElement) {
      const color = rgb(getComputedStyle(node).backgroundColor);
      if (color.length === 3 || (color[3] ?? 0) > 0.5) return color.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const problems: string[] = [];
  for (const element of document.querySelectorAll("body *")) {
    const ownText = [...element.childNodes].some(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
    );
    if (!ownText || !(element as HTMLElement).offsetParent || element.closest(".visually-hidden")) continue;
    const a = luminance(rgb(getComputedStyle(element).color));
    const b = luminance(background(element));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5)
      problems.push(`${element.tagName.toLowerCase()}.${element.className}: ${ratio.toFixed(2)}`);
  }
  return problems;
}

describe("landing page before the first refresh", () => {
  it("says the first refresh has not run and how to run it", async () => {
    const { context, page } = await openPage();
    const notice = page.locator("#notices .notice", { hasText: "first refresh has not run" });
    await expect(notice.count()).resolves.toBe(1);
    const text = await notice.textContent();
    expect(text).toContain("npm run refresh");
    expect(text).toContain("Authorization: Bearer $CRON_SECRET");
    expect(text).toContain(`${base}/api/cron/refresh`);
    await expect(page.locator("#papers-body .paper").count()).resolves.toBe(0);
    await context.close();
  });
});

describe("landing page with a refreshed store", () => {
  let categories: CategoriesResponse;
  let top: PapersResponse;

  beforeAll(async () => {
    await refresh();
    expect(llm.calls()).toBeGreaterThan(0);
    categories = await getJson<CategoriesResponse>("/api/categories");
    top = await getJson<PapersResponse>("/api/papers?limit=20");
  });

  it("serves the autodiscovery links in the static HTML", async () => {
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]* href="\/rss"/);
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]* href="\/atom"/);
    expect(html).toMatch(
      /<link[^>]*rel="alternate"[^>]*type="application\/feed\+json"[^>]*href="\/feed.json"/,
    );
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+="/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("loads without console errors and lists every feed in three formats", async () => {
    const { context, page, problems } = await openPage();
    expect(categories.feeds.map((feed) => feed.name).sort()).toEqual([...FEED_NAMES].sort());
    await expect(page.locator(".feed-card").count()).resolves.toBe(FEED_NAMES.length);
    await expect(page.locator(".feed-card .format-row").count()).resolves.toBe(FEED_NAMES.length * 3);
    for (const feed of categories.feeds) {
      const hrefs = await page
        .locator(`.feed-card[data-feed="${feed.name}"] a.format-url`)
        .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
      expect(hrefs).toEqual(
        [feed.urls.rss, feed.urls.atom, feed.urls.json].map((url) => new URL(url, base).href),
      );
    }
    const opml = page.locator('a[href="/feeds.opml"]').first();
    await expect(opml.getAttribute("download")).resolves.toBeTruthy();
    expect((await fetch(`${base}/feeds.opml`)).status).toBe(200);
    // Per-category alternates added by the script, for every category and format.
    const alternates = await page.locator('head link[rel="alternate"]').count();
    expect(alternates).toBe(FEED_NAMES.length * 3);
    expect(problems).toEqual([]);
    // …and that was under the strict policy: an inline script does not run here.
    const inline = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "document.body.dataset.inline = 'ran'";
      document.head.append(script);
      return document.body.dataset.inline ?? "blocked";
    });
    expect(inline).toBe("blocked");
    await context.close();
  });

  it("copies a feed URL to the clipboard and says so", async () => {
    const { context, page, problems } = await openPage();
    const feed = categories.feeds.find((f) => f.name === CONFIG.categories.at(-1));
    expect(feed).toBeDefined();
    const button = page
      .locator(`.feed-card[data-feed="${feed?.name}"] .format-row`)
      .first()
      .locator("button");
    await button.click();
    await expect.poll(() => button.textContent()).toBe("Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(new URL(feed?.urls.rss ?? "", base).href);
    await expect
      .poll(() => page.locator("#announcer").textContent(), { timeout: 3000 })
      .toMatch(/^Copied RSS URL of /);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows today's top papers with scores, keywords and summaries", async () => {
    const { context, page, problems, dialogs } = await openPage();
    expect(top.papers.length).toBeGreaterThan(0);
    const cards = page.locator("#papers-body .paper");
    await expect(cards.count()).resolves.toBe(Math.min(top.papers.length, 20));
    const first = top.papers[0];
    if (!first) throw new Error("no papers");
    const firstCard = cards.first();
    await expect(firstCard.locator(".paper-title").textContent()).resolves.toBe(first.display.title);
    await expect(firstCard.locator(".paper-title a").getAttribute("href")).resolves.toBe(first.links.abs);
    await expect(firstCard.locator(".score-value").textContent()).resolves.toBe(
      String(Math.round(first.score * 10) / 10),
    );
    const chips = await firstCard.locator(".chip").allInnerTexts();
    expect(chips).toEqual(first.matchedKeywords.map((match) => match.keyword));
    await expect(firstCard.locator(`a[href="${first.links.pdf}"]`).count()).resolves.toBe(1);

    const summarised = top.papers.findIndex((paper) => paper.summary);
    expect(summarised, "a paper with an AI summary").toBeGreaterThanOrEqual(0);
    const card = cards.nth(summarised);
    const details = card.locator("details", { hasText: "AI summary" });
    await details.locator("summary").click();
    await expect(details.getAttribute("open")).resolves.not.toBeNull();
    await expect(details.locator(".summary-body").isVisible()).resolves.toBe(true);
    const tldr = top.papers[summarised]?.summary?.tldr ?? "";
    await expect(card.locator(".tldr").textContent()).resolves.toContain(tldr.slice(0, 20));

    // The prompt-injected summary is sanitised by the server and inert on the page.
    const hostileId = llm.requests().find((request) => request.n === 1)?.paperId;
    const hostile = page.locator(`#papers-body .paper[data-id="${hostileId}"] details`, {
      hasText: "AI summary",
    });
    await expect(hostile.count(), `the hostile summary (${hostileId}) is on the page`).resolves.toBe(1);
    await hostile.locator("summary").click();
    for (const body of await page.locator(".summary-body").all()) {
      await expect(
        body.locator("script, iframe, style, [onerror], [onclick], [onload]").count(),
      ).resolves.toBe(0);
    }
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    ["a weekday: the last refresh and no weekend notice", FIXTURE_NOW, false],
    ["a Saturday: the weekend notice", FIXTURE_SATURDAY, true],
  ])("shows, on %s", async (_, at, weekend) => {
    service.setNow(at);
    try {
      const { context, page, problems } = await openPage();
      await expect(page.locator("#health").textContent()).resolves.toMatch(/Last refresh/);
      const notices = await page.locator("#notices").textContent();
      if (weekend) expect(notices).toMatch(/arXiv does not announce on weekends/);
      else expect(notices).not.toMatch(/does not announce/);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      service.setNow(FIXTURE_NOW);
    }
  });

  it("builds a personal feed URL that serves a valid, bounded feed", async () => {
    const { context, page, problems } = await openPage();
    const category = CONFIG.categories.at(-1) ?? "cs.LG";
    const limit = 5;
    await page.selectOption("#builder-category", category);
    await page.fill("#builder-keywords", " inference,  speculative decoding ,");
    await page.fill("#builder-exclude", "survey");
    await page.fill("#builder-min-score", "1");
    await page.fill("#builder-limit", String(limit));
    const expected = `${base}/rss/${category}?keywords=inference,speculative+decoding&exclude=survey&min_score=1&limit=${limit}`;
    await expect.poll(() => page.inputValue("#builder-url")).toBe(expected);

    const rss = await fetch(expected);
    expect(rss.status).toBe(200);
    expect(rss.headers.get("content-type")).toMatch(/rss\+xml/);
    const xml = await rss.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ isArray: (name) => name === "item" }).parse(xml) as {
      rss: { channel: { item?: unknown[] } };
    };
    const items = parsed.rss.channel.item ?? [];
    expect(items.length).toBeLessThanOrEqual(limit);

    // The preview shows what that feed holds (up to the limit), from the JSON API.
    await expect
      .poll(() => page.locator("#builder-preview .paper").count(), { timeout: 5000 })
      .toBe(Math.min(items.length, limit));

    await page.click('label[for="builder-format-json"]');
    const jsonUrl = await page.inputValue("#builder-url");
    expect(jsonUrl).toBe(expected.replace(`/rss/${category}?`, `/feed/${category}.json?`));
    const json = await fetch(jsonUrl);
    expect(json.status).toBe(200);
    const feed = (await json.json()) as { items: unknown[] };
    expect(feed.items.length).toBeLessThanOrEqual(limit);

    await page.click('label[for="builder-format-atom"]');
    const atomUrl = await page.inputValue("#builder-url");
    const atom = await fetch(atomUrl);
    expect(atom.status).toBe(200);
    expect(XMLValidator.validate(await atom.text())).toBe(true);

    const copy = page.locator("#builder-copy");
    await copy.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(atomUrl);

    // Empty fields leave their parameters out.
    for (const field of ["#builder-keywords", "#builder-exclude", "#builder-min-score", "#builder-limit"]) {
      await page.fill(field, "");
    }
    await expect.poll(() => page.inputValue("#builder-url")).toBe(`${base}/atom/${category}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("takes the builder's limits from the server's filter schema", async () => {
    const { context, page, problems } = await openPage();
    const { filters } = await getJson<FiltersResponse>("/api/filters");
    const range = (name: string) => filters.find((filter) => filter.name === name)?.schema ?? {};
    await expect(page.getAttribute("#builder-limit", "max")).resolves.toBe(String(MAX_LIMIT));
    await expect(page.getAttribute("#builder-limit", "min")).resolves.toBe(String(range("limit").minimum));
    await expect(page.getAttribute("#builder-min-score", "max")).resolves.toBe(
      String(range("min_score").maximum),
    );
    // The API's own largest limit is a valid builder value; one more is refused, in its words.
    await page.fill("#builder-limit", String(MAX_LIMIT));
    await expect.poll(() => page.inputValue("#builder-url")).toBe(`${base}/rss?limit=${MAX_LIMIT}`);
    await page.fill("#builder-limit", String(MAX_LIMIT + 1));
    await expect
      .poll(() => page.textContent("#builder-error"))
      .toBe(`Maximum items must be a whole number from 1 to ${MAX_LIMIT}.`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("builds authors and cross-list filters, and previews exactly that feed's papers", async () => {
    const { context, page, problems } = await openPage();
    const category = "cs.LG";
    const feed = await getJson<{ items: { title: string; authors: { name: string }[] }[] }>(
      `/feed/${category}.json?keywords=learning&cross_lists=1`,
    );
    const surname = feed.items[0]?.authors[0]?.name.split(" ").at(-1) ?? "";
    expect(surname).not.toBe("");
    await page.selectOption("#builder-category", category);
    await page.fill("#builder-keywords", "learning");
    await page.fill("#builder-authors", ` ${surname} ,`);
    await page.selectOption("#builder-cross-lists", "1");
    const query = `keywords=learning&authors=${encodeURIComponent(surname)}&cross_lists=1`;
    await expect.poll(() => page.inputValue("#builder-url")).toBe(`${base}/rss/${category}?${query}`);

    const want = (await getJson<{ items: { title: string }[] }>(`/feed/${category}.json?${query}`)).items;
    expect(want.length).toBeGreaterThan(0);
    const titles = () => page.locator("#builder-preview .paper .paper-title").allTextContents();
    await expect
      .poll(async () => (await titles()).map((t) => t.trim()), { timeout: 5000 })
      .toEqual(want.slice(0, 10).map((item) => item.title));

    await page.selectOption("#builder-cross-lists", "");
    await page.fill("#builder-authors", "");
    await expect
      .poll(() => page.inputValue("#builder-url"))
      .toBe(`${base}/rss/${category}?keywords=learning`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("is keyboard operable: Tab reaches the copy buttons with a visible focus ring", async () => {
    const { context, page } = await openPage();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.classList.contains("copy-button") ?? false);
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe("none");
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Copied");

    // Every form control has a label.
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input, select, textarea")]
        .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label"))
        .filter((el) => !el.closest("[aria-hidden=true]"))
        .map((el) => el.id || el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    for (const landmark of ["header", "nav", "main", "footer"]) {
      await expect(page.locator(landmark).count()).resolves.toBeGreaterThan(0);
    }
    await context.close();
  });

  it("keeps text contrast at 4.5:1 or more in light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await openPage();
      await page.emulateMedia({ colorScheme });
      await page.locator("#builder-preview:not([aria-busy])").waitFor();
      const low = await page.evaluate(lowContrastText);
      expect(low, `${colorScheme} scheme`).toEqual([]);
      await context.close();
    }
  });

  it("explains an API failure instead of showing a blank page", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.route("**/api/categories", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          error: { status: 503, message: "the feed store is unreachable; try again shortly" },
        }),
      }),
    );
    await page.goto(`${base}/`);
    const error = page.locator("#feeds-body .notice-error");
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain("the feed store is unreachable");
    // The combined feed's static links stay usable.
    await expect(page.locator('#feeds-body a[href="/rss"]').count()).resolves.toBe(1);
    await context.close();
  });

  it("fits a 375 px phone and a 1280 px desktop (screenshots in tests/.tmp)", async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 375, height: 800 },
    ]) {
      const { context, page, problems } = await openPage(viewport);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `landing-${viewport.width}.png`) });
      await page.screenshot({ path: join(SHOTS, `landing-${viewport.width}-full.png`), fullPage: true });
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
