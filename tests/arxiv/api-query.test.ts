import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiQueryPolicy, apiQueryUrl, fetchApiPapers, MAX_API_IDS } from "../../lib/arxiv/api-query.js";
import { PaperSchema } from "../../lib/model/paper.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { readFixture } from "../helpers/fixtures.js";

let arxiv: ArxivServer;
let policy: ApiQueryPolicy;

beforeAll(async () => {
  arxiv = await startArxivServer();
  policy = { baseUrl: arxiv.url, timeoutMs: 2000, userAgent: "arxiv-feeds-test/1 (+https://example.org)" };
});
afterAll(() => arxiv.stop());
beforeEach(() => arxiv.reset());

const realIds = () =>
  [
    ...readFixture("arxiv", "real", "api-query-cs.LG-OR-cs.AI-20.xml").matchAll(
      /abs\/(\d{4}\.\d{5})v\d+<\/id>/g,
    ),
  ].map((m) => m[1] ?? "");

describe("fetchApiPapers", () => {
  it("reads the real API entries (current and old format) in one request, in the order asked", async () => {
    const ids = ["1601.00001", ...realIds()];
    const outcome = await fetchApiPapers(ids, policy);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.papers.map((p) => p.id)).toEqual(ids);
    expect(outcome.unknown).toEqual([]);
    for (const paper of outcome.papers) expect(PaperSchema.safeParse(paper).success).toBe(true);
    const tide = outcome.papers.find((p) => p.id === "2604.26951");
    expect(tide?.title).toBe(
      "Turning the TIDE: Cross-Architecture Distillation for Diffusion Large Language Models",
    );
    expect(tide?.categories[0]).toBe("cs.CL");
    expect(tide?.authors).toEqual(["Gongbo Zhang", "Wen Wang", "Ye Tian", "Li Yuan"]);
    const old = outcome.papers[0];
    expect(old?.abstract).toContain("Landauer-Büttiker probe formalism");
    expect(old?.categories).toEqual(["cond-mat.mes-hall"]);
    const log = arxiv.api.log();
    expect(log).toHaveLength(1);
    expect(log[0]?.ids).toEqual(ids);
    expect(log[0]?.maxResults).toBe(ids.length);
    expect(log[0]?.userAgent).toBe(policy.userAgent);
  });

  it("reads the real old-format response served as it is", async () => {
    arxiv.api.setBody(readFixture("arxiv", "real", "api-old-format-1601.00001.xml"));
    const outcome = await fetchApiPapers(["1601.00001"], policy);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.papers[0]).toMatchObject({
      id: "1601.00001",
      version: 1,
      title: "Inelastic effects in molecular transport junctions: The probe technique at high bias",
      authors: ["Michael Kilgour", "Dvira Segal"],
      primaryCategory: "cond-mat.mes-hall",
      doi: "10.1063/1.4944470",
      announced: "2015-12-26",
    });
  });

  it("batches 50 ids into one request and names the ones arXiv does not have", async () => {
    const corpus = arxiv.api.corpusIds().filter((id) => /^2601\./.test(id));
    const known = corpus.slice(0, 45);
    const unknown = ["2601.99991", "2601.99992", "2601.99993", "2601.99994", "2601.99995"];
    const ids = [...known, ...unknown];
    expect(ids).toHaveLength(MAX_API_IDS);
    const outcome = await fetchApiPapers(ids, policy);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.papers.map((p) => p.id)).toEqual(known);
    expect(outcome.unknown).toEqual(unknown);
    expect(arxiv.api.log()).toHaveLength(1);
    expect(arxiv.api.log()[0]?.maxResults).toBe(50);
  });

  it("sends old-style ids whole, and makes no request for none", async () => {
    const outcome = await fetchApiPapers(["hep-ex/0101001", "math/0309136"], policy);
    expect(outcome).toMatchObject({ ok: true, papers: [], unknown: ["hep-ex/0101001", "math/0309136"] });
    expect(arxiv.api.log()[0]?.ids).toEqual(["hep-ex/0101001", "math/0309136"]);
    expect(apiQueryUrl("https://export.arxiv.org/", ["hep-ex/0101001"])).toBe(
      "https://export.arxiv.org/api/query?id_list=hep-ex%2F0101001&max_results=1",
    );
    arxiv.reset();
    expect(await fetchApiPapers([], policy)).toMatchObject({ ok: true, papers: [] });
    expect(arxiv.api.log()).toHaveLength(0);
    await expect(fetchApiPapers(Array(51).fill("2601.00001"), policy)).rejects.toThrow(RangeError);
  });

  it.each([200, 400])(
    "reads arXiv's error entry for a malformed id (status %i): that id rejected, the rest unanswered",
    async (status) => {
      arxiv.api.setErrorStatus(status);
      const outcome = await fetchApiPapers(["2601.20273", "2601.x", "2601.20088"], policy);
      expect(outcome).toEqual({
        ok: true,
        papers: [],
        unknown: [],
        rejected: ["2601.x"],
        unanswered: ["2601.20273", "2601.20088"],
      });
    },
  );

  it("reports an error entry that names none of the ids as an API failure", async () => {
    arxiv.api.setBody(
      readFixture("arxiv", "real", "api-old-format-1601.00001.xml").replace(
        /<entry>[\s\S]*<\/entry>/,
        "<entry><id>http://arxiv.org/api/errors#start_must_be_an_integer</id><title>Error</title><summary>start must be an integer</summary></entry>",
      ),
    );
    const outcome = await fetchApiPapers(["1601.00001"], policy);
    expect(outcome).toEqual({
      ok: false,
      error: { kind: "api", message: "arXiv API error: start must be an integer" },
    });
  });

  it.each([
    ["429", "7", 7000],
    ["503", "2", 2000],
  ] as const)("turns %s with Retry-After into a failure with retryAfterMs", async (mode, header, ms) => {
    arxiv.api.setMode(mode);
    arxiv.api.setRetryAfter(header);
    const outcome = await fetchApiPapers(["2601.20273"], policy);
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: "http", status: Number(mode) },
      retryAfterMs: ms,
    });
  });

  it("reads a Retry-After date, and a bare 429 'Rate exceeded.' has none", async () => {
    arxiv.api.setMode("503");
    arxiv.api.setRetryAfter(new Date(Date.now() + 60_000).toUTCString());
    const dated = await fetchApiPapers(["2601.20273"], policy);
    expect(dated.ok ? 0 : dated.retryAfterMs).toBeGreaterThan(55_000);
    arxiv.api.setMode("rate-text");
    const bare = await fetchApiPapers(["2601.20273"], policy);
    expect(bare).toEqual({
      ok: false,
      error: { kind: "http", status: 429, message: "HTTP 429 Too Many Requests" },
    });
  });

  it.each([
    ["malformed", "parse", /malformed XML/],
    ["truncated", "parse", /malformed XML/],
    ["html", "parse", /HTML page/],
    ["500", "http", /HTTP 500/],
    ["reset", "network", /./],
  ] as const)("turns a %s answer into a %s failure", async (mode, kind, message) => {
    arxiv.api.setMode(mode);
    const outcome = await fetchApiPapers(["2601.20273"], policy);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe(kind);
    expect(outcome.error.message).toMatch(message);
  });

  it.each(["timeout", "stall"] as const)("gives up on a %s within its timeout", async (mode) => {
    arxiv.api.setMode(mode);
    const started = performance.now();
    const outcome = await fetchApiPapers(["2601.20273"], { ...policy, timeoutMs: 300 });
    const took = performance.now() - started;
    expect(outcome).toEqual({ ok: false, error: { kind: "timeout", message: "no answer within 300 ms" } });
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
  });

  it("refuses an answer over the size cap without reading it all", async () => {
    arxiv.api.setBody(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${"x".repeat(5 * 1024 * 1024)}</title></feed>`,
    );
    const outcome = await fetchApiPapers(["2601.20273"], policy);
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: "parse", message: expect.stringMatching(/larger than/) },
    });
  });

  it("reports a closed port as a network failure", async () => {
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => done(free));
      });
    });
    const outcome = await fetchApiPapers(["2601.20273"], { ...policy, baseUrl: `http://127.0.0.1:${port}` });
    expect(outcome).toMatchObject({ ok: false, error: { kind: "network", message: "ECONNREFUSED" } });
  });
});
