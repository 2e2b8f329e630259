/**
 * `npx tsx bench/personal-cpu.ts`: the CPU one hostile but allowed personal request costs after
 * a week of full 1,430-item days (memory store, the api/ function called in-process). Every
 * request has its own query, so no rendered body, ranked selection or rate-limit bucket is reused.
 */
import { readFileSync } from "node:fs";
import { GET } from "../api/feed.js";
import { fixedClock, setClock } from "../lib/clock.js";
import { COMBINED_PATH, startHarness } from "./harness.js";
import { COMBINED_FIXTURE } from "./parse-rank.js";
import { median, ms, percentile } from "./stats.js";
import { shiftedDay } from "./store-commands.js";

const DAYS = [
  ["Mon, 26 Jan 2026", "2602"],
  ["Tue, 27 Jan 2026", "2603"],
  ["Wed, 28 Jan 2026", "2604"],
  ["Thu, 29 Jan 2026", "2601"],
  ["Fri, 30 Jan 2026", "2605"],
] as const;

/** A phrase of `length` characters from common abstract words, so each word test has work to do. */
const phrase = (seed: number, length: number) => {
  const words = ["large", "language", "model", "learning", "neural", "network", "data", "training"];
  const out: string[] = [];
  for (let i = seed; out.join(" ").length < length - 12; i++) out.push(words[i % words.length] as string);
  return out.join(" ");
};

/** At the caps: 20 items per list of up to 95 characters; common words so 200 papers match. */
function hostileQuery(run: number): string {
  const common = ["model", "learning", "data", "network", "language", "training", "neural", "large"];
  const keywords = [...common, ...Array.from({ length: 12 }, (_, i) => phrase(i, 95))];
  keywords[keywords.length - 1] = `${phrase(run, 80)} run${run}`;
  const exclude = Array.from({ length: 20 }, (_, i) => `${phrase(i + 3, 90)} x${i}`);
  const authors = "a,e,i,o,u,n,r,s,t,l,c,h,m,d,g,k,y,b,p,z".split(",");
  const params = new URLSearchParams({
    keywords: keywords.join(","),
    exclude: exclude.join(","),
    authors: authors.join(","),
    format: "rss",
    limit: "200",
    cross_lists: "1",
  });
  return `/rss?${params}`;
}

async function main() {
  const harness = await startHarness();
  try {
    await harness.configure({ store: "memory" });
    const xml = readFileSync(COMBINED_FIXTURE, "utf8");
    for (const [date, prefix] of DAYS) {
      setClock(fixedClock(`${date.slice(5)} 23:00:00 GMT`));
      harness.arxiv.setBody(COMBINED_PATH, shiftedDay(xml, date, prefix));
      const { outcome } = await harness.refresh();
      if (outcome.status !== "done") throw new Error(`refresh of ${date} did not run`);
    }
    const runs = Number(process.env.RUNS ?? 20);
    const cpu: number[] = [];
    let items = 0;
    for (let run = 0; run < runs + 2; run++) {
      const request = new Request(`http://bench.local${hostileQuery(run)}`, {
        headers: { "x-real-ip": `10.0.${run >> 8}.${run & 255}` },
      });
      const start = process.cpuUsage();
      const response = await GET(request);
      const body = await response.text();
      const used = process.cpuUsage(start);
      if (response.status !== 200) throw new Error(`status ${response.status}: ${body.slice(0, 300)}`);
      items = (body.match(/<item>/g) ?? []).length;
      // The first two warm up the JIT and unzip the pools into the per-instance cache.
      if (run >= 2) cpu.push((used.user + used.system) / 1000);
    }
    console.log(
      `personal feed, hostile allowed query (20 keywords, 20 excludes, 20 authors, limit=200, cross_lists=1), ` +
        `week of ${DAYS.length} × 1,430-item days, ${items} items: CPU per request median ${ms(median(cpu))}, ` +
        `p90 ${ms(percentile(cpu, 90))}, max ${ms(Math.max(...cpu))} (${runs} runs)`,
    );
  } finally {
    await harness.close();
  }
}

await main();
