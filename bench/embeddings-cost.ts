/**
 * `npx tsx bench/embeddings-cost.ts`: the CPU of one personal feed request ranked by a profile
 * (5 liked papers of the window, no keywords), with embeddings on against the local tf-idf
 * method, on the same week of 5 full fixture days (1,430 items each; memory store, which parses
 * every value it hands out as Upstash's client does; the api/ function called in-process). Each
 * request has its own query (its limit) and client, so no body, selection or rate-limit bucket is
 * reused. `RUNS` (default 20) requests per method, after two untimed ones; the local method's
 * week first, then the embeddings' (the settings and store are the process's, one at a time).
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { GET as feedGet } from "../api/feed.js";
import { GET as papersGet } from "../api/papers.js";
import { fixedClock, setClock } from "../lib/clock.js";
import { TENTH_CLOSEST_SIMILARITY } from "../lib/embeddings/embedding-model.js";
import { EMBEDDINGS_RECORD_KEY, embeddingSetKeys } from "../lib/embeddings/keys.js";
import type { EmbeddingsRecord } from "../lib/embeddings/usage.js";
import type { FeedSnapshot } from "../lib/model/snapshot.js";
import { getStore } from "../lib/store/instance.js";
import { type BenchContext, createContext } from "./context.js";
import { COMBINED_PATH, type Harness, refreshDone, startHarness } from "./harness.js";
import { COMBINED_FIXTURE } from "./parse-rank.js";
import { median, ms, percentile, times } from "./stats.js";
import { shiftedDay, WEEK_DAYS } from "./store-commands.js";

const SECTION = "15. Embeddings on the read path";

/** The two ways a profile ranks: config.json without `embeddings`, and with it (256 dimensions). */
type Method = "local" | "embeddings";

/** Configures `method` on a fresh key space and refreshes the five days of the week into it. */
async function weekFor(harness: Harness, method: Method): Promise<void> {
  const embeddings = { base_url: harness.llm.baseUrl, model: "bench-embed", dimensions: 256 };
  process.env.EMBEDDINGS_API_KEY = method === "embeddings" ? harness.llm.apiKey : "";
  await harness.configure({ store: "memory", config: method === "embeddings" ? { embeddings } : {} });
  const xml = readFileSync(COMBINED_FIXTURE, "utf8");
  for (const [date, prefix] of WEEK_DAYS) {
    setClock(fixedClock(`${date.slice(5)} 23:00:00 GMT`));
    harness.arxiv.setBody(COMBINED_PATH, shiftedDay(xml, date, prefix));
    await refreshDone(harness, `${method} refresh of ${date}`);
  }
}

/** Five liked papers of the newest day (in every window, looked up nowhere else). */
async function likedIds(): Promise<string> {
  const feed = await getStore().get<FeedSnapshot>("feed:all");
  const ids = (feed?.papers ?? []).slice(0, 5).map((paper) => paper.id);
  if (ids.length < 5) throw new Error("the week's combined feed holds fewer than 5 papers");
  return ids.join(",");
}

/** Vectors the week's refreshes embedded, and the JSON bytes of the day sets each request reads. */
async function storedVectors(): Promise<{ embedded: number; bytes: number }> {
  const store = getStore();
  const record = await store.get<EmbeddingsRecord>(EMBEDDINGS_RECORD_KEY);
  const sets = await store.getMany(embeddingSetKeys(7));
  const bytes = sets.reduce((sum: number, set) => sum + (set ? JSON.stringify(set).length : 0), 0);
  return { embedded: record?.embedded ?? 0, bytes };
}

/** Throws unless `/api/papers` ranks by `method`: the embeddings' rescale puts the 10th closest at exactly 0.19. */
async function checkMethod(method: Method, like: string): Promise<void> {
  const response = await papersGet(new Request(`http://bench.local/api/papers?like=${like}&limit=20`));
  const page = (await response.json()) as { papers: { similarity?: number }[] };
  const tenth = page.papers[9]?.similarity ?? Number.NaN;
  const byEmbeddings = Math.abs(tenth - TENTH_CLOSEST_SIMILARITY) < 1e-9;
  if (response.status !== 200 || byEmbeddings !== (method === "embeddings"))
    throw new Error(`${method}: status ${response.status}, 10th similarity ${tenth}: not ranked as wanted`);
}

/** CPU ms of one in-process feed request (status 200 required). */
async function cpuOf(path: string, client: string): Promise<number> {
  const request = new Request(`http://bench.local${path}`, { headers: { "x-real-ip": client } });
  const start = process.cpuUsage();
  const response = await feedGet(request);
  const body = await response.text();
  const used = process.cpuUsage(start);
  if (response.status !== 200) throw new Error(`status ${response.status}: ${body.slice(0, 300)}`);
  return (used.user + used.system) / 1000;
}

/** CPU ms of `runs` requests ranked by the profile `like` (after two untimed ones). */
async function requestsCpu(like: string, runs: number, tag: string): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs + 2; run++) {
    const cpu = await cpuOf(
      `/rss?format=rss&like=${like}&limit=${40 + run}`,
      `10.${tag}.${run >> 8}.${run & 255}`,
    );
    if (run >= 2) samples.push(cpu);
  }
  return samples;
}

/**
 * Records the CPU of a request ranked by 5 liked papers with embeddings on, against the local
 * method on the same week (the same five days refreshed again) in the same run.
 */
export async function benchEmbeddingsCost(
  ctx: BenchContext,
  harness: Harness,
  options: { runs?: number } = {},
) {
  const runs = options.runs ?? (ctx.quick ? 3 : 20);
  const saved = process.env.EMBEDDINGS_API_KEY;
  const cpu: Record<Method, number[]> = { local: [], embeddings: [] };
  let stored = { embedded: 0, bytes: 0 };
  try {
    for (const method of ["local", "embeddings"] as const) {
      await weekFor(harness, method);
      const like = await likedIds();
      await checkMethod(method, like);
      cpu[method] = await requestsCpu(like, runs, method === "local" ? "1" : "2");
      if (method === "embeddings") stored = await storedVectors();
    }
  } finally {
    if (saved === undefined) delete process.env.EMBEDDINGS_API_KEY;
    else process.env.EMBEDDINGS_API_KEY = saved;
    setClock(undefined);
    harness.arxiv.reset();
  }
  const [local, embedded] = [median(cpu.local), median(cpu.embeddings)];
  ctx.record({
    section: SECTION,
    name: `CPU of one personal feed request ranked by 5 liked papers, embeddings on (256 dimensions; week of ${WEEK_DAYS.length} × 1,430-item days)`,
    value: `median ${ms(embedded)}, p90 ${ms(percentile(cpu.embeddings, 90))}`,
    baseline: `local tf-idf method, same week: median ${ms(local)}, p90 ${ms(percentile(cpu.local, 90))}`,
    ratio: times(embedded / local),
    note: `${runs} requests per method, each its own limit (40–${41 + runs}) and client; memory store; ${stored.embedded} vectors embedded, ${(stored.bytes / 1e6).toFixed(2)} MB of day sets read and parsed per request`,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const harness = await startHarness();
  try {
    await benchEmbeddingsCost(createContext(), harness, { runs: Number(process.env.RUNS ?? 20) });
  } finally {
    await harness.close();
  }
}
