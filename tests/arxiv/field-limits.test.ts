import { describe, expect, it } from "vitest";
import { clipAuthors, clipField, FIELD_LIMITS } from "../../lib/arxiv/field-limits.js";
import { parseArxivFeed } from "../../lib/arxiv/parse.js";

const big = (n: number) => "word ".repeat(Math.ceil(n / 5)).slice(0, n);

/** One API (Atom) entry with every field bloated. */
function atomEntry(): string {
  const categories = Array.from({ length: 500 }, (_, i) => `<category term="cs.X${i}"/>`).join("");
  const authors = Array.from(
    { length: 300 },
    (_, i) => `<author><name>${big(i === 0 ? 5000 : 20)}</name></author>`,
  );
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
<entry><id>http://arxiv.org/abs/2601.00001v1</id><published>2026-01-28T12:00:00Z</published>
<title>${big(50_000)}</title><summary>${big(700_000)}</summary>${authors.join("")}
<arxiv:primary_category term="cs.LG"/>${categories}
<arxiv:comment>${big(50_000)}</arxiv:comment><arxiv:journal_ref>${big(50_000)}</arxiv:journal_ref>
<arxiv:doi>${"1".repeat(5000)}</arxiv:doi></entry></feed>`;
}

describe("arXiv fields are clipped when parsing", () => {
  it("clips every field of a bloated entry, visibly", () => {
    const parsed = parseArxivFeed(atomEntry());
    if (!parsed.ok) throw parsed.error;
    const [paper] = parsed.feed.papers;
    if (!paper) throw new Error("no paper");
    const fields = {
      title: paper.title,
      abstract: paper.abstract,
      comment: paper.comment ?? "",
      journalRef: paper.journalRef ?? "",
      doi: paper.doi ?? "",
      authorName: paper.authors[0] ?? "",
    } as const;
    for (const [name, text] of Object.entries(fields)) {
      expect(text.length, name).toBeLessThanOrEqual(FIELD_LIMITS[name as keyof typeof fields]);
      expect(text.endsWith("…"), name).toBe(true);
    }
    expect(paper.authors).toHaveLength(FIELD_LIMITS.authors + 1);
    expect(paper.authors.at(-1)).toBe("… 200 more");
    expect(paper.categories).toHaveLength(FIELD_LIMITS.categories);
    expect(paper.categories[0]).toBe("cs.LG");
    expect(JSON.stringify(paper).length).toBeLessThan(20_000);
  });

  it("leaves ordinary fields alone and never halves a surrogate pair", () => {
    expect(clipField("short", 10)).toBe("short");
    expect(clipField("abcdefghij", 10)).toBe("abcdefghij");
    expect(clipField("abcdefghijk", 10)).toBe("abcdefghi…");
    const clipped = clipField(`abcdefgh${"😀".repeat(5)}`, 10);
    expect(clipped).toBe("abcdefgh…");
    expect(clipAuthors(["A", "B"])).toEqual(["A", "B"]);
  });
});
