import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";
import { type DigestOutline, digestOutline } from "../render/digest-outline.js";

/**
 * /digest.md is the bot's README paper for paper: a user who publishes it in place of the bot's
 * README gets the same document, read the way GitHub reads it (a Markdown renderer). The
 * reference is the README the bot published for the fixtures' day.
 */
let service: Service;
let llm: OpenAiServer;
let ours: DigestOutline;
let markdown: string;
const reference = digestOutline(readFileSync("../shared/reference/bot-readme-2026-01-29.md", "utf8"));
const config = JSON.parse(readFileSync("config.json", "utf8")) as { keywords: string[] };

beforeAll(async () => {
  llm = await startOpenAiServer();
  service = await startService({
    env: { DASHSCOPE_API_KEY: llm.apiKey, OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model" },
  });
  expect((await service.refresh()).status).toBe(200);
  markdown = await (await service.get("/digest.md")).text();
  ours = digestOutline(markdown);
});
afterAll(async () => {
  await service?.stop();
  await llm?.stop();
});

/** Sections about the bot's own GitHub Action (deploying, forking, triggering it), not the papers. */
const BOT_ONLY = /RSS Vercel Deployment|How to Use|Customization|Manual Trigger/;

describe("/digest.md against the bot's README", () => {
  it("has the README's title, intro, sections and statistics", () => {
    expect(ours.title).toBeTruthy();
    expect(ours.intro).toBe(reference.intro);
    expect(ours.sections).toEqual(reference.sections.filter((section) => !BOT_ONLY.test(section)));
    expect(ours.statistics).toEqual(reference.statistics);
    expect(ours.statistics).toEqual(["Last Updated", "Total Papers Found", "Categories Monitored"]);
  });

  it("writes every paper as the bot does: heading link, field lines, abstract, rule", () => {
    expect(ours.papers.length).toBe(reference.papers.length);
    const shape = (paper: DigestOutline["papers"][number]) => ({
      fields: paper.fields.slice(0, 6),
      hardBreaks: paper.hardBreaks,
      abstract: Boolean(paper.abstract?.trim()),
      rules: paper.rules,
    });
    const botShape = shape(reference.papers[0] as DigestOutline["papers"][number]);
    expect(botShape.fields).toEqual(["Authors", "Category", "Published", "Score", "Type", "ArXiv ID"]);
    for (const paper of reference.papers) expect(shape(paper)).toEqual(botShape);
    ours.papers.forEach((paper, index) => {
      expect(paper.rank).toBe(index + 1);
      expect(paper.link).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{5}$/);
      expect(shape(paper)).toEqual(botShape);
    });
    // Our extra field comes after the bot's six.
    expect(ours.papers.some((paper) => paper.fields[6] === "Matched Keywords")).toBe(true);
  });

  it("puts each summary in the bot's <details> block, as Markdown headings and lists", () => {
    const summarised = ours.papers.filter((paper) => paper.summary);
    expect(summarised.length).toBe(reference.papers.filter((paper) => paper.summary).length);
    expect(llm.calls()).toBe(summarised.length);
    for (const { summary } of reference.papers) if (summary) expect(summary.botLabel).toBe(true);
    for (const { summary } of summarised) {
      expect(summary).toMatchObject({ botLabel: true, model: "test-model", backslashBreaks: 0 });
      expect(summary?.headings).toBeGreaterThanOrEqual(4);
      expect(summary?.lists).toBeGreaterThanOrEqual(1);
    }
  });

  it("ends with the configuration (keywords on one line), the schedule and a footer", () => {
    expect(ours.keywordsLine).toBe(config.keywords.join(", "));
    expect(reference.keywordsLine?.split(", ").length).toBeGreaterThan(1);
    expect(ours.footer).toMatch(/^Generated automatically by /);
    expect(reference.footer).toMatch(/^Generated automatically by /);
    expect(markdown).toMatch(/## 📅 Schedule\n\nThe feeds refresh on weekdays at \d\d:\d\d UTC/);
  });
});
