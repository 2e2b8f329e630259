import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { texText } from "../../lib/render/tex-text.js";

describe("texText", () => {
  it.each([
    ["L$^3$: Large Language Lattices", "L³: Large Language Lattices"],
    ["Sparse $\\ell_1$ recovery", "Sparse ℓ₁ recovery"],
    ["Sorting in $O(n \\log n)$ time", "Sorting in O(n log n) time"],
    ["$n\\log n$", "n log n"],
    ["Attention in $O(n^2)$ & memory in $O(n)$", "Attention in O(n²) & memory in O(n)"],
    ["Embeddings in $\\mathbb{R}^d$", "Embeddings in ℝᵈ"],
    ["$\\alpha$-$\\beta$ pruning", "α-β pruning"],
    ["Learning rate $10^{-3}$", "Learning rate 10⁻³"],
    ["$\\mathcal{O}(1)$ updates", "𝒪(1) updates"],
    ["$\\frac{1}{2}$, $\\sqrt{n}$, $\\sqrt{n+1}$", "1/2, √n, √(n+1)"],
    ["$$E = mc^2$$", "E = mc²"],
    ["$k$-NN at $90^\\circ$", "k-NN at 90°"],
    ["$\\textbf{FP8}$ training at $\\times 2$ speed", "FP8 training at ×2 speed"],
    ["$\\hat{y}$ vs $y$", "y\u0302 vs y"],
    ["$\\{0,1\\}^n$", "{0,1}ⁿ"],
    ["$x^*$, $\\theta_t$, $W_{ij}$", "x*, θₜ, Wᵢⱼ"],
  ])("shows %s as %s", (input, output) => {
    expect(texText(input)).toBe(output);
  });

  it.each([
    "$x_{i,j}$ has no subscript comma",
    "$\\unknowncommand{x}$",
    "$a & b$",
    "$\\sqrt[3]{x}$",
    "$x^{\\mathcal{Q}}$",
    "unclosed $x^2",
    "$ {unbalanced $",
    "$}$",
    "$x^$",
    "$$",
    "$ $",
    "price \\$5, not math",
  ])("keeps %s exactly as written (nothing it cannot show)", (input) => {
    expect(texText(input)).toBe(input);
  });

  it("converts each span on its own: one it cannot show stays, the others convert", () => {
    expect(texText("$\\alpha$, $\\weird$ and $\\beta^2$")).toBe("α, $\\weird$ and β²");
    expect(texText("cost \\$5 or $x^2$")).toBe("cost \\$5 or x²");
  });
});

/** Units that make TeX and hostile text: delimiters, commands, scripts, braces, any character. */
const texUnit = fc.oneof(
  fc.constantFrom(
    "$",
    "$$",
    "\\",
    "{",
    "}",
    "^",
    "_",
    "\\alpha",
    "\\log",
    "\\frac",
    "\\sqrt",
    "\\mathbb",
    "\\left",
    "\\,",
    "~",
    "&",
    "%",
    " ",
    "\n",
  ),
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.string({ maxLength: 6 }),
);
const texString = fc.array(texUnit, { maxLength: 40 }).map((units) => units.join(""));

describe("texText properties", () => {
  it("never throws and returns a string", () => {
    fc.assert(
      fc.property(texString, (text) => {
        expect(typeof texText(text)).toBe("string");
      }),
      { numRuns: 2000 },
    );
  });

  it("never changes text without a $ (no non-TeX character is ever lost)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), texString, (text, tex) => {
        const plain = `${text}${tex}`.replaceAll("$", "");
        expect(texText(plain)).toBe(plain);
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps the text around a math span, and keeps a span it cannot convert as written", () => {
    const plain = fc.string({ unit: "binary" }).map((text) => text.replaceAll("$", "").replace(/\\$/, ""));
    fc.assert(
      fc.property(plain, texString, plain, (before, math, after) => {
        const span = `$${math.replaceAll("$", "")}$`;
        const out = texText(`${before}${span}${after}`);
        expect(out.startsWith(before)).toBe(true);
        expect(out.endsWith(after)).toBe(true);
        const middle = out.slice(before.length, out.length - after.length);
        // Converted text has no command left in it; otherwise the span is exactly as written.
        if (middle !== span) expect(middle).not.toContain("\\");
      }),
      { numRuns: 1000 },
    );
  });

  it("takes time linear in the length of long hostile input", () => {
    const hostile = [
      "$".repeat(1),
      `${"{".repeat(50)}$`,
      "$\\frac{",
      "$x^{",
      "\\\\$",
      "$\\left\\left",
      "$a$b",
      `$${"a".repeat(40)}`,
    ];
    const build = (length: number) => {
      let text = "";
      for (let i = 0; text.length < length; i++) text += hostile[i % hostile.length];
      return text;
    };
    // Work is measured as time, but only as a ratio with a wide margin: 8 times the input must
    // take far less than the 64 times a quadratic converter would (best of five runs each, so a
    // loaded machine's pauses fall out).
    const time = (text: string) => {
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        texText(text);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const small = build(40_000);
    const large = build(320_000);
    time(small);
    const ratio = time(large) / Math.max(time(small), 0.05);
    expect(ratio).toBeLessThan(32);
    expect(texText(large).length).toBeGreaterThan(0);
  });

  it("survives deep nesting without exhausting the stack", () => {
    const deep = `$${"{".repeat(100_000)}x${"}".repeat(100_000)}$`;
    expect(texText(deep)).toBe(deep);
    expect(texText(`$${"^{".repeat(50_000)}`)).toBe(`$${"^{".repeat(50_000)}`);
  });
});
