/**
 * The baseline of `bench/refresh-cost.ts`, run in a child process of its own: only the fetch and
 * parse of one day, as a refresh does them first (`fetchAnnouncements` of config.json's
 * categories against the arXiv at argv[2], no spacing, no retries). It prints the paper count so
 * the bench knows the day was fetched and parsed whole.
 */
import { readFileSync } from "node:fs";
import { fetchAnnouncements } from "../lib/arxiv/fetch-announcements.js";

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error("usage: fetch-parse-child <arXiv base URL>");
const { categories } = JSON.parse(readFileSync("config.json", "utf8")) as { categories: string[] };
const { byCategory } = await fetchAnnouncements(categories, {
  baseUrl,
  timeoutMs: 60_000,
  minIntervalMs: 0,
  maxRetries: 0,
  maxRetryAfterMs: 0,
  userAgent: "arxiv-feeds-bench",
});
const papers = new Set(
  Object.values(byCategory).flatMap((a) => (a.status === "error" ? [] : a.papers.map((p) => p.id))),
);
console.log(`fetched and parsed ${papers.size} papers`);
// As the refresh CLI does: exit at once, not when the idle keep-alive socket times out.
process.exit(0);
