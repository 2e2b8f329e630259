import { describe, expect, it } from "vitest";
import {
  MAX_TOKEN_LENGTH,
  newNonce,
  profileToken,
  tokenProfileName,
  verifyProfileToken,
  verifyVoteSignature,
  voteSignature,
} from "../../lib/feedback/token.js";
import { voteLinks, voteUrl } from "../../lib/feedback/vote-links.js";

const SECRET = "s".repeat(16) + "t".repeat(16);
const OTHER = "o".repeat(32);

describe("profile tokens", () => {
  const nonce = newNonce();
  const token = profileToken(SECRET, "lab", nonce);

  it("name the profile, carry a 256-bit MAC, and verify only for its name, nonce and secret", () => {
    expect(token).toMatch(/^lab\.[A-Za-z0-9_-]{43}$/);
    expect(tokenProfileName(token)).toBe("lab");
    expect(verifyProfileToken(SECRET, token, { name: "lab", nonce })).toBe(true);
    expect(verifyProfileToken(SECRET, token, { name: "lab", nonce: newNonce() })).toBe(false);
    expect(verifyProfileToken(OTHER, token, { name: "lab", nonce })).toBe(false);
    expect(verifyProfileToken(SECRET, token.replace("lab.", "lac."), { name: "lac", nonce })).toBe(false);
  });

  it("differ for a re-created name (new nonce) and between names", () => {
    expect(profileToken(SECRET, "lab", newNonce())).not.toBe(token);
    expect(profileToken(SECRET, "lab2", nonce).split(".")[1]).not.toBe(token.split(".")[1]);
  });

  it("refuse every one-character change of the MAC", () => {
    const mac = token.split(".")[1] ?? "";
    for (let i = 0; i < mac.length; i++) {
      const changed = `${mac.slice(0, i)}${mac[i] === "A" ? "B" : "A"}${mac.slice(i + 1)}`;
      expect(verifyProfileToken(SECRET, `lab.${changed}`, { name: "lab", nonce }), `position ${i}`).toBe(
        false,
      );
    }
  });

  it("reject malformed text without verifying it", () => {
    for (const text of [
      "",
      "lab",
      "lab.",
      `Lab.${"a".repeat(43)}`,
      `lab.${"a".repeat(42)}`,
      `lab.${"a".repeat(44)}`,
      `-lab.${"a".repeat(43)}`,
      "x".repeat(MAX_TOKEN_LENGTH + 1),
    ]) {
      expect(tokenProfileName(text), text).toBeUndefined();
      expect(verifyProfileToken(SECRET, text, { name: "lab", nonce })).toBe(false);
    }
  });
});

describe("vote signatures", () => {
  const token = profileToken(SECRET, "lab", newNonce());
  const sig = voteSignature(SECRET, token, "2601.20273", "like");

  it("sign exactly the (token, paper id, vote) triple", () => {
    expect(verifyVoteSignature(SECRET, token, "2601.20273", "like", sig)).toBe(true);
    expect(verifyVoteSignature(SECRET, token, "2601.20273", "dislike", sig)).toBe(false);
    expect(verifyVoteSignature(SECRET, token, "2601.20274", "like", sig)).toBe(false);
    expect(
      verifyVoteSignature(SECRET, profileToken(SECRET, "lab", newNonce()), "2601.20273", "like", sig),
    ).toBe(false);
    expect(verifyVoteSignature(OTHER, token, "2601.20273", "like", sig)).toBe(false);
    expect(verifyVoteSignature(SECRET, token, "2601.20273", "like", `${sig}A`)).toBe(false);
    expect(verifyVoteSignature(SECRET, token, "2601.20273", "like", "")).toBe(false);
  });

  it("are never a profile token's MAC (separate purposes)", () => {
    expect(sig).not.toBe(token.split(".")[1]);
  });
});

describe("voteLinks", () => {
  const token = profileToken(SECRET, "lab", newNonce());

  it("gives two signed /vote URLs on the origin, versions dropped, old-style ids encoded", () => {
    const links = voteLinks("https://feeds.example", token, "2601.20273v3", SECRET);
    const like = new URL(links.like);
    expect(like.origin + like.pathname).toBe("https://feeds.example/vote");
    expect(Object.fromEntries(like.searchParams)).toEqual({
      profile: token,
      id: "2601.20273",
      vote: "like",
      sig: voteSignature(SECRET, token, "2601.20273", "like"),
    });
    expect(new URL(links.dislike).searchParams.get("vote")).toBe("dislike");
    const old = new URL(voteUrl("https://feeds.example", token, "hep-ex/0101001", "like", SECRET));
    expect(old.search).toContain("id=hep-ex%2F0101001");
    expect(old.searchParams.get("id")).toBe("hep-ex/0101001");
  });

  it("throws for text that is no arXiv id (a caller's bug, not a reader's)", () => {
    expect(() => voteLinks("https://feeds.example", token, "<script>", SECRET)).toThrow(RangeError);
  });
});
