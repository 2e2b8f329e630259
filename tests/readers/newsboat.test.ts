import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../helpers/service.js";

const run = promisify(execFile);
let service: Service;

beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
});
afterAll(() => service?.stop());

/** One item as newsboat stored it: its title, the author line it shows and the HTML it renders. */
interface NewsboatItem {
  title: string;
  author: string;
  content: string;
}

/** Items newsboat stored per feed URL, read from its SQLite cache. */
async function newsboatItems(urls: string[]): Promise<Record<string, NewsboatItem[]>> {
  const dir = mkdtempSync(join(tmpdir(), "axf-newsboat-"));
  writeFileSync(join(dir, "urls"), `${urls.join("\n")}\n`);
  writeFileSync(join(dir, "config"), "reload-threads 4\n");
  const env = { ...process.env, HOME: dir };
  await run(
    "newsboat",
    ["-u", join(dir, "urls"), "-c", join(dir, "cache.db"), "-C", join(dir, "config"), "-x", "reload"],
    { env, timeout: 60_000 },
  );
  const { stdout } = await run(
    "/usr/bin/python3",
    [
      "-c",
      "import json,sqlite3,sys; c=sqlite3.connect(sys.argv[1]); rows=c.execute('select feedurl,title,author,content from rss_item order by id').fetchall(); d={}; [d.setdefault(u,[]).append({'title':t,'author':a,'content':c}) for u,t,a,c in rows]; print(json.dumps(d))",
      join(dir, "cache.db"),
    ],
    { env },
  );
  return JSON.parse(stdout) as Record<string, NewsboatItem[]>;
}

describe("newsboat, a real terminal feed reader", () => {
  it("subscribes to RSS and Atom feeds and lists every item with the right titles", async () => {
    const urls = [`${service.url}/rss`, `${service.url}/rss/cs.LG`, `${service.url}/atom/cs.CL`];
    for (const url of urls) {
      const items = await newsboatItems([url]);
      const jsonUrl = url
        .replace("/rss/", "/feed/")
        .replace("/atom/", "/feed/")
        .replace(/\/rss$/, "/feed");
      const feed = (await (await service.get(`${jsonUrl.slice(service.url.length)}.json`)).json()) as {
        items: { title: string }[];
      };
      expect(items[url], url).toBeDefined();
      expect(items[url]?.length, url).toBe(feed.items.length);
      expect(items[url]?.map((item) => item.title).sort(), url).toEqual(
        feed.items.map((i) => i.title).sort(),
      );
    }
  });
});

describe("newsboat with several subscriptions", () => {
  it("shows a paper that is in two subscribed feeds once: its guid is the arXiv id, stable everywhere", async () => {
    const urls = [`${service.url}/rss`, `${service.url}/rss/cs.LG`];
    const items = await newsboatItems(urls);
    const all = (await (await service.get("/feed.json")).json()) as {
      items: { id: string; title: string }[];
    };
    const lg = (await (await service.get("/feed/cs.LG.json")).json()) as {
      items: { id: string; title: string }[];
    };
    const union = new Set([...all.items, ...lg.items].map((i) => i.title));
    const seen = Object.values(items)
      .flat()
      .map((item) => item.title);
    expect(seen.length).toBe(union.size);
    expect(new Set(seen)).toEqual(union);
  });
});

describe("newsboat's author line", () => {
  it("shows every author of a many-author paper, first author first (it keeps only one dc:creator)", async () => {
    const url = `${service.url}/rss/cs.LG`;
    const items = (await newsboatItems([url]))[url] ?? [];
    const feed = (await (await service.get("/feed/cs.LG.json")).json()) as {
      items: { title: string; authors: { name: string }[] }[];
    };
    const many = feed.items.filter((item) => item.authors.length >= 4);
    expect(many.length).toBeGreaterThan(0);
    for (const paper of many) {
      const author = items.find((item) => item.title === paper.title)?.author ?? "";
      const names = paper.authors.map((a) => a.name);
      expect(author.startsWith(names[0] ?? "-"), paper.title).toBe(true);
      for (const name of names) expect(author, paper.title).toContain(name);
    }
  });
});

describe("newsboat's item view", () => {
  it("opens each item with the abstract's opening and why it matched; metadata comes after the abstract", async () => {
    const url = `${service.url}/rss/cs.LG`;
    const items = (await newsboatItems([url]))[url] ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const at = ["<p>", "Why it matched:", "Abstract:", "Authors:"].map((part) =>
        item.content.indexOf(part),
      );
      expect(at[0], item.title).toBe(0);
      expect(
        at.every((index) => index >= 0),
        item.title,
      ).toBe(true);
      expect(at, item.title).toEqual([...at].sort((a, b) => a - b));
    }
  });
});

describe("newsboat's titles", () => {
  it("show simple TeX as Unicode text (L$^3$ as L³) where the API keeps the original", async () => {
    const url = `${service.url}/rss`;
    const titles = ((await newsboatItems([url]))[url] ?? []).map((item) => item.title);
    const api = (await (await service.get("/api/papers?limit=200")).json()) as {
      papers: { title: string }[];
    };
    const withTex = api.papers.map((paper) => paper.title).filter((title) => title.includes("$"));
    expect(withTex.length).toBeGreaterThan(0);
    for (const original of withTex) {
      const shown = original
        .replace("L$^3$", "L³")
        .replace("$O(n \\log n)$", "O(n log n)")
        .replace("$\\ell_1$", "ℓ₁");
      expect(shown, original).not.toContain("$");
      expect(titles, original).toContain(shown);
    }
  });
});
